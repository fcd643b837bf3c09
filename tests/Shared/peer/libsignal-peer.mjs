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
import { createRequire } from 'node:module';
import readline from 'node:readline';

const require = createRequire(process.env.NOFUTURE_LIBSIGNAL_DIR + '/package.json');
const signal = require('@signalapp/libsignal-client');
const version = require('@signalapp/libsignal-client/package.json').version;

const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const bytes = (text) => new Uint8Array(Buffer.from(text, 'base64'));

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
};

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() === '') continue;
  let reply;
  try {
    const request = JSON.parse(line);
    const command = commands[request.cmd];
    reply = command ? { ok: true, ...command(request) } : { ok: false, error: `unknown command ${request.cmd}` };
  } catch (e) {
    reply = { ok: false, error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
}
