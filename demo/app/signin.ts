/** The sign-in page: keeps `next`, and marks who is signed in now. */
import { session } from './session.js';

const next = new URLSearchParams(location.search).get('next');
const nextField = document.querySelector<HTMLInputElement>('[data-next]');
if (nextField && next) nextField.value = next;

session().then(
  ({ shopper }) => {
    if (!shopper) return;
    const notice = document.querySelector<HTMLElement>('[data-current]');
    if (notice) {
      notice.textContent = `You are signed in as ${shopper.name}. Pick another shopper to switch; each one sees only their own wallet.`;
      notice.hidden = false;
    }
    const current = document.querySelector<HTMLInputElement>(`input[name="shopper"][value="${CSS.escape(shopper.id)}"]`);
    if (current) current.checked = true;
  },
  () => {},
);
