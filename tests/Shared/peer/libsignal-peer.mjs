// NoFuture's test-time libsignal peer: line-delimited JSON over stdin/stdout, one request per line, one reply per
// line. Our own code; it loads @signalapp/libsignal-client (AGPL), which LibsignalPeer.cs installs at test time
// outside the repository and never commits. Byte strings travel as base64.
//   {"cmd":"version"}                                 -> {"ok":true,"version":"0.103.0"}
//   {"cmd":"kyber_generate"}                          -> {"ok":true,"publicKey":..,"secretKey":..}  (type byte 0x08 first)
//   {"cmd":"kyber_check_public","publicKey":..}       -> {"ok":true} when libsignal deserializes it
//   {"cmd":"xeddsa_generate"}                         -> {"ok":true,"privateKey":..(32),"publicKey":..(33, 0x05 first)}
//   {"cmd":"xeddsa_sign","privateKey":..,"message":..}  -> {"ok":true,"signature":..}
//   {"cmd":"xeddsa_verify","publicKey":..,"message":..,"signature":..} -> {"ok":true,"valid":bool}
// libsignal-client's JS API exposes no KEM encapsulate/decapsulate (only key generation and serialization), so
// KEM secrets can be compared with libsignal only through a PQXDH session, not here.
// Sessions (QuantumSession interop): parties with in-memory stores live in this process, keyed by name (a ServiceId
// string, so libsignal fills the addresses field), each with its own identity, registration id and prekeys; sessions
// are keyed by (party, remote name, remote device). Numbers and strings travel as JSON values.
//   {"cmd":"party_create","name":s,"deviceId":n}    -> {"identityKey":..,"registrationId":n}
//   {"cmd":"party_bundle","name":s,"oneTime":bool}  -> the bundle in libsignal's serialized forms: registrationId,
//        deviceId, preKeyId (null when none), preKey, signedPreKeyId, signedPreKey, signedPreKeySignature,
//        identityKey, kyberPreKeyId, kyberPreKey (0x08 first), kyberPreKeySignature
//   {"cmd":"process_bundle","name":s,"remote":s,"remoteDevice":n, ..the bundle fields..} -> {} (processPreKeyBundle)
//   {"cmd":"encrypt","name":s,"remote":s,"remoteDevice":n,"plaintext":..} -> {"type":2|3,"message":..}
//   {"cmd":"decrypt","name":s,"remote":s,"remoteDevice":n,"message":..}   -> {"plaintext":..} (type from the bytes)
//   {"cmd":"session_record","name":s,"remote":s,"remoteDevice":n} -> {"record":..} (libsignal's SessionRecord bytes)
//   {"cmd":"signal_message_new","macKey":..,"ratchetKey":..,"counter":n,"previousCounter":n,"ciphertext":..,
//        "senderIdentity":..,"receiverIdentity":..,"pqRatchet":..} -> {"message":..} (libsignal's encoder and MAC)
//   {"cmd":"signal_message_parse","message":..}     -> {"counter":n,"version":n,"body":..,"pqRatchet":..}
//   {"cmd":"prekey_message_parse","message":..}     -> {"registrationId":n,"preKeyId":n|null,"signedPreKeyId":n,
//        "version":n}
import { createRequire } from 'node:module';
import readline from 'node:readline';

const require = createRequire(process.env.NOFUTURE_LIBSIGNAL_DIR + '/package.json');
const signal = require('@signalapp/libsignal-client');
const version = require('@signalapp/libsignal-client/package.json').version;

const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const bytes = (text) => new Uint8Array(Buffer.from(text, 'base64'));
const optionalBytes = (text) => (text === undefined || text === null ? null : bytes(text));

const parties = new Map();

class Party {
  constructor(name, deviceId) {
    this.name = name;
    this.address = signal.ProtocolAddress.new(name, deviceId);
    this.identity = signal.IdentityKeyPair.generate();
    this.registrationId = 1 + Math.floor(Math.random() * 16380);
    this.sessions = new Map();
    this.identities = new Map();
    this.preKeys = new Map();
    this.signedPreKeys = new Map();
    this.kyberPreKeys = new Map();
    this.nextId = 1;
    const party = this;
    const key = (address) => `${address.name()}.${address.deviceId()}`;
    this.sessionStore = new (class extends signal.SessionStore {
      async saveSession(address, record) { party.sessions.set(key(address), record.serialize()); }
      async getSession(address) {
        const r = party.sessions.get(key(address));
        return r ? signal.SessionRecord.deserialize(r) : null;
      }
      async getExistingSessions(addresses) {
        return addresses.map((a) => signal.SessionRecord.deserialize(party.sessions.get(key(a))));
      }
    })();
    this.identityStore = new (class extends signal.IdentityKeyStore {
      async getIdentityKey() { return party.identity.privateKey; }
      async getLocalRegistrationId() { return party.registrationId; }
      async saveIdentity(address, publicKey) {
        const old = party.identities.get(key(address));
        party.identities.set(key(address), publicKey.serialize());
        return old && Buffer.compare(Buffer.from(old), Buffer.from(publicKey.serialize())) !== 0 ? 1 : 0;
      }
      async isTrustedIdentity() { return true; } // trust on first use: the tests compare identities themselves
      async getIdentity(address) {
        const k = party.identities.get(key(address));
        return k ? signal.PublicKey.deserialize(k) : null;
      }
    })();
    this.preKeyStore = new (class extends signal.PreKeyStore {
      async savePreKey(id, record) { party.preKeys.set(id, record); }
      async getPreKey(id) {
        const r = party.preKeys.get(id);
        if (!r) throw new Error(`no prekey ${id}`);
        return r;
      }
      async removePreKey(id) { party.preKeys.delete(id); }
    })();
    this.signedPreKeyStore = new (class extends signal.SignedPreKeyStore {
      async saveSignedPreKey(id, record) { party.signedPreKeys.set(id, record); }
      async getSignedPreKey(id) {
        const r = party.signedPreKeys.get(id);
        if (!r) throw new Error(`no signed prekey ${id}`);
        return r;
      }
    })();
    this.kyberPreKeyStore = new (class extends signal.KyberPreKeyStore {
      async saveKyberPreKey(id, record) { party.kyberPreKeys.set(id, record); }
      async getKyberPreKey(id) {
        const r = party.kyberPreKeys.get(id);
        if (!r) throw new Error(`no kyber prekey ${id}`);
        return r;
      }
      async markKyberPreKeyUsed() {}
    })();
  }
}

const party = (r) => {
  const p = parties.get(r.name);
  if (!p) throw new Error(`no party ${r.name}`);
  return p;
};

const bundleFrom = (r) =>
  signal.PreKeyBundle.new(
    r.registrationId,
    r.deviceId,
    r.preKeyId ?? null,
    r.preKeyId === null || r.preKeyId === undefined ? null : signal.PublicKey.deserialize(bytes(r.preKey)),
    r.signedPreKeyId,
    signal.PublicKey.deserialize(bytes(r.signedPreKey)),
    bytes(r.signedPreKeySignature),
    signal.PublicKey.deserialize(bytes(r.identityKey)),
    r.kyberPreKeyId,
    signal.KEMPublicKey.deserialize(bytes(r.kyberPreKey)),
    bytes(r.kyberPreKeySignature),
  );

const commands = {
  version: () => ({ version }),
  kyber_generate: () => {
    const pair = signal.KEMKeyPair.generate();
    return { publicKey: b64(pair.getPublicKey().serialize()), secretKey: b64(pair.getSecretKey().serialize()) };
  },
  kyber_check_public: (r) => {
    signal.KEMPublicKey.deserialize(bytes(r.publicKey));
    return {};
  },
  xeddsa_generate: () => {
    const key = signal.PrivateKey.generate();
    return { privateKey: b64(key.serialize()), publicKey: b64(key.getPublicKey().serialize()) };
  },
  xeddsa_sign: (r) => ({ signature: b64(signal.PrivateKey.deserialize(bytes(r.privateKey)).sign(bytes(r.message))) }),
  xeddsa_verify: (r) => ({
    valid: signal.PublicKey.deserialize(bytes(r.publicKey)).verify(bytes(r.message), bytes(r.signature)),
  }),
  party_create: (r) => {
    const p = new Party(r.name, r.deviceId ?? 1);
    parties.set(r.name, p);
    return { identityKey: b64(p.identity.publicKey.serialize()), registrationId: p.registrationId };
  },
  party_bundle: (r) => {
    const p = party(r);
    const signedId = p.nextId++, kyberId = p.nextId++;
    const signed = signal.PrivateKey.generate();
    const signedSignature = p.identity.privateKey.sign(signed.getPublicKey().serialize());
    p.signedPreKeys.set(signedId, signal.SignedPreKeyRecord.new(signedId, Date.now(), signed.getPublicKey(), signed, signedSignature));
    const kyber = signal.KEMKeyPair.generate();
    const kyberSignature = p.identity.privateKey.sign(kyber.getPublicKey().serialize());
    p.kyberPreKeys.set(kyberId, signal.KyberPreKeyRecord.new(kyberId, Date.now(), kyber, kyberSignature));
    let preKeyId = null, preKey = null;
    if (r.oneTime) {
      preKeyId = p.nextId++;
      const one = signal.PrivateKey.generate();
      p.preKeys.set(preKeyId, signal.PreKeyRecord.new(preKeyId, one.getPublicKey(), one));
      preKey = b64(one.getPublicKey().serialize());
    }
    return {
      registrationId: p.registrationId,
      deviceId: p.address.deviceId(),
      preKeyId,
      preKey,
      signedPreKeyId: signedId,
      signedPreKey: b64(signed.getPublicKey().serialize()),
      signedPreKeySignature: b64(signedSignature),
      identityKey: b64(p.identity.publicKey.serialize()),
      kyberPreKeyId: kyberId,
      kyberPreKey: b64(kyber.getPublicKey().serialize()),
      kyberPreKeySignature: b64(kyberSignature),
    };
  },
  process_bundle: async (r) => {
    const p = party(r);
    const remote = signal.ProtocolAddress.new(r.remote, r.remoteDevice);
    await signal.processPreKeyBundle(bundleFrom(r), remote, p.address, p.sessionStore, p.identityStore);
    return {};
  },
  encrypt: async (r) => {
    const p = party(r);
    const remote = signal.ProtocolAddress.new(r.remote, r.remoteDevice);
    const m = await signal.signalEncrypt(bytes(r.plaintext), remote, p.address, p.sessionStore, p.identityStore);
    return { type: m.type(), message: b64(m.serialize()) };
  },
  decrypt: async (r) => {
    const p = party(r);
    const remote = signal.ProtocolAddress.new(r.remote, r.remoteDevice);
    const message = bytes(r.message);
    // A SignalMessage starts with its ratchet key (field 1, bytes: tag 0x0A); a PreKeySignalMessage does not.
    const plaintext = message[1] !== 0x0a
      ? await signal.signalDecryptPreKey(signal.PreKeySignalMessage.deserialize(message), remote, p.address, p.sessionStore,
        p.identityStore, p.preKeyStore, p.signedPreKeyStore, p.kyberPreKeyStore)
      : await signal.signalDecrypt(signal.SignalMessage.deserialize(message), remote, p.address, p.sessionStore, p.identityStore);
    return { plaintext: b64(plaintext) };
  },
  session_record: (r) => {
    const record = party(r).sessions.get(`${r.remote}.${r.remoteDevice}`);
    if (!record) throw new Error('no session');
    return { record: b64(record) };
  },
  signal_message_new: (r) => ({
    message: b64(signal.SignalMessage._new(4, bytes(r.macKey), signal.PublicKey.deserialize(bytes(r.ratchetKey)), r.counter,
      r.previousCounter, bytes(r.ciphertext), signal.PublicKey.deserialize(bytes(r.senderIdentity)),
      signal.PublicKey.deserialize(bytes(r.receiverIdentity)), optionalBytes(r.pqRatchet) ?? new Uint8Array(0)).serialize()),
  }),
  signal_message_parse: (r) => {
    const m = signal.SignalMessage.deserialize(bytes(r.message));
    return { counter: m.counter(), version: m.messageVersion(), body: b64(m.body()), pqRatchet: b64(m.pqRatchet()) };
  },
  prekey_message_parse: (r) => {
    const m = signal.PreKeySignalMessage.deserialize(bytes(r.message));
    return { registrationId: m.registrationId(), preKeyId: m.preKeyId(), signedPreKeyId: m.signedPreKeyId(), version: m.version() };
  },
};

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() === '') continue;
  let reply;
  try {
    const request = JSON.parse(line);
    const command = commands[request.cmd];
    reply = command ? { ok: true, ...(await command(request)) } : { ok: false, error: `unknown command ${request.cmd}` };
  } catch (e) {
    reply = { ok: false, error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
}
