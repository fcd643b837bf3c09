// Session initialisation after PQXDH, as libsignal's ratchet.rs does it (initialize_alice_session /
// initialize_bob_session; Double Ratchet specification section 3.3, RatchetInitAlice / RatchetInitBob):
//   initiator (A): the bundle's signed prekey is the peer's first ratchet key; a receiving chain for it with the PQXDH
//     chain key; a fresh ratchet key pair and RK, CKs = KDF_RK(PQXDH root key, DH(new, SPK_B)); SPQR A2B.
//   responder (B): the signed prekey pair is the first ratchet key pair, the PQXDH chain key its sending chain and the
//     PQXDH root key the root key; SPQR B2A. Both SPQR states take PQXDH's third 32 bytes as the auth key.
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Sessions.Handshake;
using NoFuture.Sessions.Spqr;

namespace NoFuture.Sessions.Ratchet;

internal sealed partial class RatchetState
{
    internal static RatchetState CreateInitiator(QuantumIdentity identity, PreKeyBundle bundle, QuantumSessionOptions options)
    {
        using X25519PrivateKey ephemeral = X25519PrivateKey.Generate();
        using X25519PrivateKey identityKey = identity.OpenIdentityKey(); // from its enclave, for this call
        using Secret handshake = Pqxdh.Initiate(identityKey, ephemeral, bundle, out byte[] kyberCiphertext);
        X25519PrivateKey sender = NewRatchetKey();
        Secret? root = null, sendChain = null, receiveChain = null;
        SpqrState? spqr = null;
        Span<byte> scratch = stackalloc byte[96];
        try
        {
            using SecretReadLease keys = handshake.OpenRead();
            if (!sender.Agree(bundle.SignedPreKey[1..], scratch[..32])) SessionThrowHelper.Rejected(SessionError.InvalidKey, "bundle's signed prekey");
            RatchetKdf.RootStep(keys.Span[..32], scratch[..32], scratch[32..]);
            root = Secret.CopyFrom(scratch[32..64]);
            sendChain = Secret.CopyFrom(scratch[64..]);
            receiveChain = Secret.CopyFrom(keys.Span[32..64]);
            spqr = SpqrState.Create(SpqrDirection.A2B, keys.Span[64..96], options.MaxForwardJumps, options.MaxMessageKeys);
            var state = new RatchetState(options, identity.IdentityKey.ToArray(), bundle.IdentityKey.ToArray(), identity.RegistrationId,
                root, sender, sendChain, spqr);
            state.AddReceiver(new ReceiverChain(bundle.SignedPreKey[1..].ToArray(), receiveChain, 0));
            state.Pending = new PendingPreKey(identity.RegistrationId, bundle.PreKeyId, bundle.SignedPreKeyId, bundle.KyberPreKeyId,
                kyberCiphertext, ephemeral.PublicKey.ToArray());
            return state;
        }
        catch
        {
            sender.Dispose();
            root?.Dispose();
            sendChain?.Dispose();
            receiveChain?.Dispose();
            spqr?.Dispose();
            throw;
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(scratch);
        }
    }

    /// <summary>The responder's state from PQXDH's output; <paramref name="signedPreKey"/> is copied, not taken.</summary>
    internal static RatchetState CreateResponder(QuantumIdentity identity, X25519PrivateKey signedPreKey, Secret handshake,
        ReadOnlySpan<byte> theirIdentity, ReadOnlySpan<byte> theirBaseKey, QuantumSessionOptions options)
    {
        X25519PrivateKey? sender = null;
        Secret? root = null, sendChain = null;
        SpqrState? spqr = null;
        try
        {
            sender = signedPreKey.Copy(); // its own scalar secret and the known public key: no scalar multiplication
            using SecretReadLease keys = handshake.OpenRead();
            root = Secret.CopyFrom(keys.Span[..32]);
            sendChain = Secret.CopyFrom(keys.Span[32..64]);
            spqr = SpqrState.Create(SpqrDirection.B2A, keys.Span[64..96], options.MaxForwardJumps, options.MaxMessageKeys);
            return new RatchetState(options, identity.IdentityKey.ToArray(), QuantumIdentity.Serialize(theirIdentity),
                identity.RegistrationId, root, sender, sendChain, spqr)
            { RemoteBaseKey = theirBaseKey.ToArray() };
        }
        catch
        {
            sender?.Dispose();
            root?.Dispose();
            sendChain?.Dispose();
            spqr?.Dispose();
            throw;
        }
    }
}
