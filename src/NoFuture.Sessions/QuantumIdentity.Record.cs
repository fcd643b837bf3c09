// An identity's record for persistence: our own layout, written into and read from a caller's Secret. Little-endian:
//   "NFQI" ‖ version 1 ‖ registration id (4) ‖ device id (4) ‖ identity private key (32) ‖ signed prekey id (4) ‖
//   signed prekey private key (32) ‖ its signature (64) ‖ KEM prekey id (4) ‖ KEM prekey seed d ‖ z (64) ‖ its
//   signature (64) ‖ next one-time prekey id (4) ‖ one-time prekey count (4) ‖ per key: id (4) ‖ private key (32) ‖
//   accepted handshake count (4) ‖ per handshake: KEM prekey id (4) ‖ signed prekey id (4) ‖ base key (32).
// Signatures are re-verified on import, so a record whose keys do not belong together is refused. The record has no
// MAC of its own: integrity at rest is the store's (an AEAD or an Enclave around it).
using System.Buffers.Binary;
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Sessions;

public sealed partial class QuantumIdentity
{
    private static ReadOnlySpan<byte> Magic => "NFQI"u8;

    private const byte RecordVersion = 1;

    /// <summary>
    /// Exports the identity (every private key, the ids, the unused one-time prekeys and the accepted handshakes) into
    /// a new secret, for persistence. Encrypt it at rest; it is as sensitive as the identity.
    /// </summary>
    /// <returns>The record, in secret memory.</returns>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public Secret Export()
    {
        lock (SyncRoot)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int length = 4 + 1 + 4 + 4 + 32 + 4 + 32 + 64 + 4 + 64 + 64 + 4 + 4 + _oneTimePreKeys.Count * 36 + 4 + _acceptedHandshakes.Count * 40;
            Secret record = Secret.Allocate(length);
            using SecretWriteLease lease = record.OpenWrite();
            Span<byte> d = lease.Span;
            Magic.CopyTo(d);
            d[4] = RecordVersion;
            int o = 5;
            o = U32(d, o, RegistrationId);
            o = U32(d, o, DeviceId);
            using (Secret scalar = OpenIdentityScalar())
            using (SecretReadLease key = scalar.OpenRead())
                key.Span.CopyTo(d.Slice(o, 32));
            o += 32;
            o = U32(d, o, SignedPreKeyId);
            _signedPreKey.ExportPrivateKey(d.Slice(o, 32));
            o += 32;
            _signedPreKeySignature.CopyTo(d[o..]);
            o += 64;
            o = U32(d, o, KyberPreKeyId);
            _kyberPreKey.ExportPrivateSeed(d.Slice(o, 64));
            o += 64;
            _kyberPreKeySignature.CopyTo(d[o..]);
            o += 64;
            o = U32(d, o, _nextPreKeyId);
            o = U32(d, o, (uint)_oneTimePreKeys.Count);
            foreach ((uint id, X25519PrivateKey key) in _oneTimePreKeys)
            {
                o = U32(d, o, id);
                key.ExportPrivateKey(d.Slice(o, 32));
                o += 32;
            }
            o = U32(d, o, (uint)_acceptedHandshakes.Count);
            foreach (string handshake in _acceptedHandshakes)
            {
                string[] parts = handshake.Split(':');
                o = U32(d, o, uint.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));
                o = U32(d, o, uint.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
                Convert.FromHexString(parts[2]).CopyTo(d[o..]);
                o += 32;
            }
            return record;
        }
    }

    /// <summary>Restores an identity from a record made by <see cref="Export"/>.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The identity.</returns>
    /// <exception cref="SessionException">The record is malformed or its signatures do not verify
    /// (<see cref="SessionError.InvalidRecord"/>).</exception>
    public static QuantumIdentity Import(Secret record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using SecretReadLease lease = record.OpenRead();
        ReadOnlySpan<byte> r = lease.Span;
        const int Fixed = 4 + 1 + 4 + 4 + 32 + 4 + 32 + 64 + 4 + 64 + 64 + 4 + 4;
        if (r.Length < Fixed || !r[..4].SequenceEqual(Magic) || r[4] != RecordVersion) Bad();
        int o = 5;
        uint registrationId = R32(r, ref o), deviceId = R32(r, ref o);
        if (deviceId is < 1 or > 127) Bad();
        X25519PrivateKey? identityKey = null, signedPreKey = null;
        Kyber1024Round3Key? kyber = null;
        QuantumIdentity? identity = null;
        try
        {
            identityKey = X25519PrivateKey.Import(r.Slice(o, 32), exportPolicy: Exportable);
            o += 32;
            uint signedId = R32(r, ref o);
            signedPreKey = X25519PrivateKey.Import(r.Slice(o, 32), exportPolicy: Exportable);
            o += 32;
            byte[] signedSignature = r.Slice(o, 64).ToArray();
            o += 64;
            uint kyberId = R32(r, ref o);
            kyber = Kyber1024Round3Key.ImportPrivateSeed(r.Slice(o, 64), Exportable);
            o += 64;
            byte[] kyberSignature = r.Slice(o, 64).ToArray();
            o += 64;
            identity = new QuantumIdentity(deviceId, registrationId, identityKey, signedId, signedPreKey, signedSignature, kyberId, kyber,
                kyberSignature);
            identityKey = signedPreKey = null;
            kyber = null;
            // Both signatures are by the identity key: its Edwards form is computed once (as PreKeyBundle.Import does).
            Span<byte> identityEdwards = stackalloc byte[32];
            if (!XEdDsa.ConvertPublicKey(identity._identityPublic.AsSpan(1), identityEdwards) ||
                !XEdDsa.VerifyConverted(identityEdwards, identity._signedPreKeyPublic, signedSignature) ||
                !XEdDsa.VerifyConverted(identityEdwards, identity._kyberPreKeyPublic, kyberSignature))
                Bad();
            identity._nextPreKeyId = R32(r, ref o);
            uint count = R32(r, ref o);
            if (count > (uint)(r.Length - o) / 36) Bad();
            for (uint i = 0; i < count; i++)
            {
                uint id = R32(r, ref o);
                X25519PrivateKey key = X25519PrivateKey.Import(r.Slice(o, 32), exportPolicy: Exportable);
                o += 32;
                if (!identity._oneTimePreKeys.TryAdd(id, key))
                {
                    key.Dispose();
                    Bad();
                }
            }
            if (r.Length - o < 4) Bad();
            uint accepted = R32(r, ref o);
            if (accepted != (uint)(r.Length - o) / 40 || (r.Length - o) % 40 != 0) Bad();
            for (uint i = 0; i < accepted; i++)
            {
                uint kyberPreKeyId = R32(r, ref o), signedPreKeyId = R32(r, ref o);
                identity._acceptedHandshakes.Add(HandshakeKey(kyberPreKeyId, signedPreKeyId, r.Slice(o, 32)));
                o += 32;
            }
            return identity;
        }
        catch (Exception e)
        {
            identityKey?.Dispose();
            signedPreKey?.Dispose();
            kyber?.Dispose();
            identity?.Dispose();
            if (e is CryptographicException and not SessionException) Bad(); // a key the crypto layer refuses
            throw;
        }
    }

    private static void Bad() => SessionThrowHelper.Rejected(SessionError.InvalidRecord, "identity record");

    private static int U32(Span<byte> d, int o, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(d[o..], value);
        return o + 4;
    }

    private static uint R32(ReadOnlySpan<byte> r, ref int o)
    {
        if (r.Length - o < 4) Bad();
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(r[o..]);
        o += 4;
        return value;
    }
}
