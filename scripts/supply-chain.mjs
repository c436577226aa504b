#!/usr/bin/env node
/**
 * Supply-chain checks for what a merchant installs with the package (its production
 * dependencies: lit, @lit/task and theirs):
 *
 * 1. `npm audit --omit=dev`: fails on a high or critical advisory. A registry that
 *    cannot answer audits (a mirror, no network) is reported and skipped, not failed:
 *    the check has nothing to say then, and CI must not depend on it being reachable.
 * 2. No production dependency runs an install script (`preinstall`, `install`,
 *    `postinstall`, or a `binding.gyp` that npm would build), read from the lockfile
 *    and from each installed package.json.
 *
 * Exit code 0 when both pass, 1 otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];
let failed = false;

function audit() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['audit', '--omit=dev', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = undefined;
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    const reason = report?.message ?? report?.error?.summary ?? run.error?.message ?? (run.stderr || 'no answer').trim().split('\n')[0];
    console.log(`npm audit: skipped, the registry did not answer the audit (${reason}).`);
    return;
  }
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  console.log(`npm audit (production): ${JSON.stringify(counts)}`);
  if (serious > 0) {
    failed = true;
    for (const [name, vulnerability] of Object.entries(report.vulnerabilities ?? {})) {
      if (vulnerability.severity === 'high' || vulnerability.severity === 'critical') console.error(`  ${vulnerability.severity}: ${name}`);
    }
    console.error(`npm audit: ${serious} high or critical advisories in production dependencies.`);
  }
}

function installScripts() {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const production = Object.entries(lock.packages ?? {}).filter(([path, entry]) => path !== '' && !entry.dev);
  const offenders = [];
  for (const [path, entry] of production) {
    const reasons = [];
    if (entry.hasInstallScript) reasons.push('the lockfile records an install script');
    const manifest = join(ROOT, path, 'package.json');
    if (existsSync(manifest)) {
      const scripts = JSON.parse(readFileSync(manifest, 'utf8')).scripts ?? {};
      for (const name of INSTALL_SCRIPTS) if (scripts[name]) reasons.push(`scripts.${name}`);
      if (existsSync(join(ROOT, path, 'binding.gyp'))) reasons.push('binding.gyp (built on install)');
    }
    if (reasons.length > 0) offenders.push(`${path.replace(/^.*node_modules\//, '')}: ${reasons.join(', ')}`);
  }
  console.log(`install scripts: ${production.length} production dependencies checked.`);
  if (offenders.length > 0) {
    failed = true;
    for (const line of offenders) console.error(`  ${line}`);
    console.error('install scripts: production dependencies must not run code on install.');
  }
}

audit();
installScripts();
process.exit(failed ? 1 : 0);
