import { hash, verify } from '@node-rs/argon2';
import { generate, generateSecret, generateURI, verify as verifyOtp } from 'otplib';

// Passwords are NFC-normalised: a Vietnamese password typed on another keyboard may arrive
// decomposed and must still match.
const norm = (p: string) => p.normalize('NFC');

/** Argon2id hash (library defaults: 19 MiB, t=2). */
export function hashPassword(password: string): Promise<string> {
  return hash(norm(password));
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, norm(password));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check when the user does not exist (no username probing). */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('dummy-password-for-timing');
  await verifyPassword(await dummy, password);
}

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, username: string): string {
  return generateURI({ issuer: 'Kỷ Cương', label: username, secret });
}

/** Accepts the current code and one step either side (clock drift of phones). */
export async function verifyTotp(secret: string, token: string): Promise<boolean> {
  try {
    const r = await verifyOtp({ secret, token, epochTolerance: 30 });
    return r.valid;
  } catch {
    return false;
  }
}

/** Current code (tests and the demo use it). */
export function currentTotp(secret: string): Promise<string> {
  return generate({ secret });
}
