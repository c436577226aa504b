import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
// The @lit/react components, with typed on… event props.
import { EcryptWallet } from 'ecrypt-wallet-elements/react';
import type { EcryptMethodsLoadedEvent } from 'ecrypt-wallet-elements';

function App() {
  const [count, setCount] = useState<number>();
  return (
    <>
      <EcryptWallet
        endpoint="/api/wallet"
        skeletonRows={1}
        onMethodsLoaded={(event: EcryptMethodsLoadedEvent) => setCount(event.methods.length)}
      />
      {/* React 19 renders the custom element itself: typed by ecrypt-wallet-elements/types/react. */}
      <ecrypt-wallet
        endpoint="/api/wallet"
        readonly
        onecrypt-methods-loaded={event => (document.body.dataset.native = String(event.methods.length))}
      />
      {count !== undefined && <output id="count">{count}</output>}
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
