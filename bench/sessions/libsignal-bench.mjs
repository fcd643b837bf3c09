// The peer figures for QuantumSession's goals (bench/RESULTS.md, "QuantumSession against libsignal"): libsignal's
// own costs for the shapes our benchmark measures, 1 KiB plaintexts, in this process, in-memory stores.
// Our own script; it loads @signalapp/libsignal-client (AGPL) from NOFUTURE_LIBSIGNAL_DIR, installed from npm by
// run-libsignal.sh outside the repository, never committed. Prints one JSON object.
//   one-way burst: after the handshake, A encrypts N messages, then B decrypts them in order.
//   alternating:   A and B take turns (each turn a DH ratchet step and SPQR work), encrypt then decrypt.
//   establishment: processPreKeyBundle, the first message's encryption, and its decryption by the responder.
import { createRequire } from 'node:module';
import { randomUUID, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const require = createRequire(process.env.NOFUTURE_LIBSIGNAL_DIR + '/package.json');
const s = require('@signalapp/libsignal-client');
const version = require('@signalapp/libsignal-client/package.json').version;

const messages = Number(process.env.MESSAGES ?? 1000);
const establishments = Number(process.env.ESTABLISHMENTS ?? 200);

class Party {
  constructor() {
    this.identity = s.IdentityKeyPair.generate();
    this.registrationId = 1 + Math.floor(Math.random() * 16000);
    this.address = s.ProtocolAddress.new(randomUUID(), 1);
    this.sessions = new Map();
    this.identities = new Map();
    this.preKeys = new Map();
    this.signedPreKeys = new Map();
    this.kyberPreKeys = new Map();
    const party = this;
    this.sessionStore = new (class extends s.SessionStore {
      async saveSession(a, r) { party.sessions.set(a.toString(), r.serialize()); }
      async getSession(a) { const b = party.sessions.get(a.toString()); return b ? s.SessionRecord.deserialize(b) : null; }
      async getExistingSessions(list) { return Promise.all(list.map((a) => this.getSession(a))); }
    })();
    this.identityStore = new (class extends s.IdentityKeyStore {
      async getIdentityKey() { return party.identity.privateKey; }
      async getLocalRegistrationId() { return party.registrationId; }
      async saveIdentity(a, k) { party.identities.set(a.toString(), k); return s.IdentityChange.NewOrUnchanged; }
      async isTrustedIdentity() { return true; }
      async getIdentity(a) { return party.identities.get(a.toString()) ?? null; }
    })();
    this.preKeyStore = new (class extends s.PreKeyStore {
      async savePreKey(id, r) { party.preKeys.set(id, r); }
      async getPreKey(id) { return party.preKeys.get(id); }
      async removePreKey(id) { party.preKeys.delete(id); }
    })();
    this.signedPreKeyStore = new (class extends s.SignedPreKeyStore {
      async saveSignedPreKey(id, r) { party.signedPreKeys.set(id, r); }
      async getSignedPreKey(id) { return party.signedPreKeys.get(id); }
    })();
    this.kyberPreKeyStore = new (class extends s.KyberPreKeyStore {
      async saveKyberPreKey(id, r) { party.kyberPreKeys.set(id, r); }
      async getKyberPreKey(id) { return party.kyberPreKeys.get(id); }
      async markKyberPreKeyUsed() {}
    })();
  }

  bundle() {
    const preKey = s.PrivateKey.generate();
    const signedPreKey = s.PrivateKey.generate();
    const signedSignature = this.identity.privateKey.sign(signedPreKey.getPublicKey().serialize());
    const kem = s.KEMKeyPair.generate();
    const kemSignature = this.identity.privateKey.sign(kem.getPublicKey().serialize());
    this.preKeys.set(1, s.PreKeyRecord.new(1, preKey.getPublicKey(), preKey));
    this.signedPreKeys.set(2, s.SignedPreKeyRecord.new(2, Date.now(), signedPreKey.getPublicKey(), signedPreKey, signedSignature));
    this.kyberPreKeys.set(3, s.KyberPreKeyRecord.new(3, Date.now(), kem, kemSignature));
    return s.PreKeyBundle.new(this.registrationId, 1, 1, preKey.getPublicKey(), 2, signedPreKey.getPublicKey(), signedSignature,
      this.identity.publicKey, 3, kem.getPublicKey(), kemSignature);
  }

  encrypt(to, plaintext) { return s.signalEncrypt(plaintext, to.address, this.address, this.sessionStore, this.identityStore); }

  decrypt(from, message) {
    if (message.type() === s.CiphertextMessageType.PreKey) {
      return s.signalDecryptPreKey(s.PreKeySignalMessage.deserialize(message.serialize()), from.address, this.address,
        this.sessionStore, this.identityStore, this.preKeyStore, this.signedPreKeyStore, this.kyberPreKeyStore);
    }
    return s.signalDecrypt(s.SignalMessage.deserialize(message.serialize()), from.address, this.address, this.sessionStore, this.identityStore);
  }
}

const median = (xs) => { const a = [...xs].sort((x, y) => x - y); return a[Math.floor(a.length / 2)]; };
const micro = (ms) => Math.round(ms * 1000 * 10) / 10;
const plaintext = () => new Uint8Array(randomBytes(1024));

async function handshake(a, b) {
  await s.processPreKeyBundle(b.bundle(), b.address, a.address, a.sessionStore, a.identityStore);
  await b.decrypt(a, await a.encrypt(b, plaintext()));
  await a.decrypt(b, await b.encrypt(a, plaintext()));
}

async function oneWay() {
  const a = new Party(), b = new Party();
  await handshake(a, b);
  const sent = [], enc = [], dec = [], sizes = [];
  for (let i = 0; i < messages; i++) {
    const p = plaintext();
    const t = performance.now();
    const m = await a.encrypt(b, p);
    enc.push(performance.now() - t);
    sent.push(m);
    sizes.push(m.serialize().length);
  }
  for (const m of sent) {
    const t = performance.now();
    await b.decrypt(a, m);
    dec.push(performance.now() - t);
  }
  return { encryptUs: micro(median(enc)), decryptUs: micro(median(dec)), bytesMedian: median(sizes), bytesMax: Math.max(...sizes) };
}

async function alternating() {
  const a = new Party(), b = new Party();
  await handshake(a, b);
  const enc = [], dec = [], sizes = [];
  for (let i = 0; i < messages; i++) {
    const [from, to] = i % 2 === 0 ? [a, b] : [b, a];
    const p = plaintext();
    let t = performance.now();
    const m = await from.encrypt(to, p);
    enc.push(performance.now() - t);
    sizes.push(m.serialize().length);
    t = performance.now();
    await to.decrypt(from, m);
    dec.push(performance.now() - t);
  }
  return { encryptUs: micro(median(enc)), decryptUs: micro(median(dec)), bytesMedian: median(sizes), bytesMax: Math.max(...sizes) };
}

async function establishment() {
  const bundle = [], first = [], firstDecrypt = [], sizes = [];
  for (let i = 0; i < establishments; i++) {
    const a = new Party(), b = new Party();
    const published = b.bundle();
    let t = performance.now();
    await s.processPreKeyBundle(published, b.address, a.address, a.sessionStore, a.identityStore);
    bundle.push(performance.now() - t);
    const p = plaintext();
    t = performance.now();
    const m = await a.encrypt(b, p);
    first.push(performance.now() - t);
    sizes.push(m.serialize().length);
    t = performance.now();
    await b.decrypt(a, m);
    firstDecrypt.push(performance.now() - t);
  }
  return {
    bundleUs: micro(median(bundle)), firstEncryptUs: micro(median(first)), firstDecryptUs: micro(median(firstDecrypt)),
    totalUs: micro(median(bundle) + median(first) + median(firstDecrypt)), bytesMedian: median(sizes), bytesMax: Math.max(...sizes),
  };
}

// A warm-up pass of each shape, then the measured one.
const saved = { messages, establishments };
await oneWay(); await alternating(); await establishment();
console.log(JSON.stringify({ libsignal: version, node: process.version, ...saved, oneWay: await oneWay(), alternating: await alternating(), establishment: await establishment() }, null, 1));
