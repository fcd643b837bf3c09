// A party's long-term identity and its prekeys (PQXDH revision 3, sections 2.5 and 3.2; libsignal's IdentityKeyPair,
// SignedPreKeyRecord, KyberPreKeyRecord, PreKeyRecord): a Curve25519 identity key that signs with XEdDSA, a signed
// prekey, a signed KEM prekey (Kyber-1024 round 3, type 0x08, kept as a last-resort key as libsignal's clients keep
// theirs) and one-time prekeys, each consumed by the first handshake that uses it. Every private key lives in
// NoFuture.Memory (X25519PrivateKey and Kyber1024Round3Key keep theirs in Secrets). Accepted handshakes are remembered
// by (KEM prekey id, signed prekey id, base key), as libsignal's mark_kyber_pre_key_used does, so a replayed prekey
// message is refused even when it used no one-time prekey. The identity private key is sealed in an Enclave whenever it
// is not in use (it is needed only to start or accept a session and to export): each use opens it into a fresh key
// object that the caller disposes. What is sealed is the key masked with a random pad kept in a Secret (key XOR pad):
// the Enclave's ciphertext is an ordinary array that outlives Dispose until the GC reuses it, and the process key
// that opens it lives until SecureMemory.Purge, so Dispose wipes the pad and what is left opens to noise. The key
// object is made with the public key computed when the identity was made (no scalar multiplication per use).
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Sessions.Handshake;
using NoFuture.Sessions.Protocol;

namespace NoFuture.Sessions;

/// <summary>
/// A long-term identity for <see cref="QuantumSession"/>s: identity key, registration and device ids, and the prekeys
/// its bundles publish. Private keys live in secret memory; <see cref="Dispose"/> wipes them.
/// </summary>
/// <remarks>Thread-safe: bundle creation and handshakes are serialized inside.</remarks>
public sealed partial class QuantumIdentity : IDisposable
{
    // Every private key is created exportable only so that Export can write the identity into the caller's Secret;
    // nothing else reads them out, and no member exposes them.
    private readonly Enclave _sealedIdentityKey;
    private readonly Secret _identityKeyPad;
    private readonly byte[] _identityPublic;
    private readonly X25519PrivateKey _signedPreKey;
    private readonly byte[] _signedPreKeyPublic, _signedPreKeySignature;
    private readonly Kyber1024Round3Key _kyberPreKey;
    private readonly byte[] _kyberPreKeyPublic, _kyberPreKeySignature;
    private readonly Dictionary<uint, X25519PrivateKey> _oneTimePreKeys = [];
    private readonly HashSet<string> _acceptedHandshakes = [];
    private uint _nextPreKeyId = 1;
    private bool _disposed;

    internal Lock SyncRoot { get; } = new();

    private const KeyExportPolicies Exportable = KeyExportPolicies.AllowPlaintextExport;

    private QuantumIdentity(uint deviceId, uint registrationId, X25519PrivateKey identityKey, uint signedPreKeyId,
        X25519PrivateKey signedPreKey, byte[]? signedPreKeySignature, uint kyberPreKeyId, Kyber1024Round3Key kyberPreKey,
        byte[]? kyberPreKeySignature)
    {
        DeviceId = deviceId;
        RegistrationId = registrationId;
        _identityPublic = Serialize(identityKey.PublicKey);
        SignedPreKeyId = signedPreKeyId;
        // Also exportable so a responder session can take its own copy as its first ratchet key.
        _signedPreKey = signedPreKey;
        _signedPreKeyPublic = Serialize(_signedPreKey.PublicKey);
        if (signedPreKeySignature is null)
        {
            signedPreKeySignature = new byte[XEdDsa.SignatureSizeInBytes];
            XEdDsa.Sign(identityKey, _signedPreKeyPublic, signedPreKeySignature);
        }
        _signedPreKeySignature = signedPreKeySignature;
        KyberPreKeyId = kyberPreKeyId;
        _kyberPreKey = kyberPreKey;
        _kyberPreKeyPublic = new byte[KemPreKey.SerializedSize];
        _kyberPreKeyPublic[0] = KemPreKey.Kyber1024Type;
        _kyberPreKey.ExportEncapsulationKey(_kyberPreKeyPublic.AsSpan(1));
        if (kyberPreKeySignature is null)
        {
            kyberPreKeySignature = new byte[XEdDsa.SignatureSizeInBytes];
            XEdDsa.Sign(identityKey, _kyberPreKeyPublic, kyberPreKeySignature);
        }
        _kyberPreKeySignature = kyberPreKeySignature;
        _identityKeyPad = Secret.CreateRandom(X25519.PrivateKeySizeInBytes);
        Secret masked = identityKey.ExportPrivateKey();
        try
        {
            Unmask(masked); // XOR: masks as well as it unmasks
        }
        catch
        {
            masked.Dispose();
            _identityKeyPad.Dispose();
            throw;
        }
        _sealedIdentityKey = Enclave.Seal(masked); // Seal wipes the masked copy
        identityKey.Dispose();
    }

    /// <summary>Generates an identity with fresh keys and a random registration id.</summary>
    /// <param name="deviceId">The device id published in bundles (libsignal: 1 to 127).</param>
    /// <returns>The new identity.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="deviceId"/> is outside 1 to 127.</exception>
    public static QuantumIdentity Generate(uint deviceId = 1)
    {
        if (deviceId is < 1 or > 127) SessionThrowHelper.OutOfRange(nameof(deviceId), 1, 127);
        // libsignal's KeyHelper: a 14-bit registration id, never 0.
        return new QuantumIdentity(deviceId, (uint)RandomNumberGenerator.GetInt32(1, 16381), X25519PrivateKey.Generate(exportPolicy: Exportable),
            (uint)RandomNumberGenerator.GetInt32(1, 1 << 24), X25519PrivateKey.Generate(exportPolicy: Exportable), null,
            (uint)RandomNumberGenerator.GetInt32(1, 1 << 24), Kyber1024Round3Key.Generate(Exportable), null);
    }

    /// <summary>The registration id (1 to 16380, as libsignal's clients generate it).</summary>
    public uint RegistrationId { get; }

    /// <summary>The device id.</summary>
    public uint DeviceId { get; }

    /// <summary>The current signed prekey's id.</summary>
    public uint SignedPreKeyId { get; }

    /// <summary>The current KEM prekey's id.</summary>
    public uint KyberPreKeyId { get; }

    /// <summary>The identity public key in libsignal's serialized form (0x05 and 32 bytes).</summary>
    public ReadOnlySpan<byte> IdentityKey => _identityPublic;

    /// <summary>How many one-time prekeys are published and not yet used.</summary>
    public int OneTimePreKeyCount
    {
        get
        {
            lock (SyncRoot) return _oneTimePreKeys.Count;
        }
    }

    /// <summary>
    /// Creates a prekey bundle to publish: the identity key, the signed prekey, the signed KEM prekey and, when
    /// <paramref name="includeOneTimePreKey"/>, a fresh one-time prekey that the first handshake using it consumes.
    /// </summary>
    /// <param name="includeOneTimePreKey">Whether to add a one-time prekey (PQXDH makes it optional).</param>
    /// <returns>The bundle (public data only).</returns>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public PreKeyBundle CreatePreKeyBundle(bool includeOneTimePreKey = true)
    {
        lock (SyncRoot)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            uint? preKeyId = null;
            byte[]? preKey = null;
            if (includeOneTimePreKey)
            {
                preKeyId = _nextPreKeyId++;
                X25519PrivateKey key = X25519PrivateKey.Generate(exportPolicy: Exportable);
                _oneTimePreKeys.Add(preKeyId.Value, key);
                preKey = Serialize(key.PublicKey);
            }
            return PreKeyBundle.FromTrusted(RegistrationId, DeviceId, preKeyId, preKey, SignedPreKeyId, _signedPreKeyPublic,
                _signedPreKeySignature, _identityPublic, KyberPreKeyId, _kyberPreKeyPublic, _kyberPreKeySignature);
        }
    }

    /// <summary>The identity private key, opened from its enclave into a new key object the caller disposes.</summary>
    internal X25519PrivateKey OpenIdentityKey() =>
        X25519PrivateKey.FromTrusted(OpenIdentityScalar(), _identityPublic.AsSpan(1), Exportable);

    /// <summary>The identity private scalar, opened from its enclave and unmasked, in a new Secret the caller owns.</summary>
    private Secret OpenIdentityScalar()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Secret scalar = _sealedIdentityKey.Open();
        try
        {
            Unmask(scalar);
            return scalar;
        }
        catch
        {
            scalar.Dispose();
            throw;
        }
    }

    /// <summary>XORs the pad into <paramref name="scalar"/> (32 bytes), in secret memory.</summary>
    private void Unmask(Secret scalar)
    {
        using SecretReadLease pad = _identityKeyPad.OpenRead();
        using SecretWriteLease target = scalar.OpenWrite();
        Span<byte> t = target.Span;
        ReadOnlySpan<byte> p = pad.Span;
        for (int i = 0; i < t.Length; i++) t[i] ^= p[i];
    }

    /// <summary>The sealed identity key as it stays on the heap (tests check what it opens to after Dispose).</summary>
    internal Enclave SealedIdentityKeyForTesting => _sealedIdentityKey;

    /// <summary>The signed prekey with <paramref name="id"/>, or null (caller holds <see cref="SyncRoot"/>).</summary>
    internal X25519PrivateKey? FindSignedPreKey(uint id) => id == SignedPreKeyId ? _signedPreKey : null;

    /// <summary>The KEM prekey with <paramref name="id"/>, or null (caller holds <see cref="SyncRoot"/>).</summary>
    internal Kyber1024Round3Key? FindKyberPreKey(uint id) => id == KyberPreKeyId ? _kyberPreKey : null;

    /// <summary>The one-time prekey with <paramref name="id"/>, or null; not removed (caller holds <see cref="SyncRoot"/>).</summary>
    internal X25519PrivateKey? FindOneTimePreKey(uint id) => _oneTimePreKeys.GetValueOrDefault(id);

    internal static string HandshakeKey(uint kyberPreKeyId, uint signedPreKeyId, ReadOnlySpan<byte> baseKey) =>
        $"{kyberPreKeyId}:{signedPreKeyId}:{Convert.ToHexString(baseKey)}";

    internal bool WasAccepted(string handshake) => _acceptedHandshakes.Contains(handshake);

    /// <summary>Commits an accepted handshake: remembers it and consumes the one-time prekey (caller holds the lock).</summary>
    internal void CommitAccepted(string handshake, uint? oneTimePreKeyId)
    {
        _acceptedHandshakes.Add(handshake);
        if (oneTimePreKeyId is uint id && _oneTimePreKeys.Remove(id, out X25519PrivateKey? key)) key.Dispose();
    }

    internal static byte[] Serialize(ReadOnlySpan<byte> publicKey)
    {
        byte[] serialized = new byte[WireFormat.PublicKeySize];
        serialized[0] = WireFormat.DjbType;
        publicKey.CopyTo(serialized.AsSpan(1));
        return serialized;
    }

    /// <summary>Wipes every private key (and the pad without which the sealed identity key opens to noise).</summary>
    public void Dispose()
    {
        lock (SyncRoot)
        {
            if (_disposed) return;
            _disposed = true;
            _identityKeyPad.Dispose();
            _signedPreKey.Dispose();
            _kyberPreKey.Dispose();
            foreach (X25519PrivateKey key in _oneTimePreKeys.Values) key.Dispose();
            _oneTimePreKeys.Clear();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"QuantumIdentity(registration {RegistrationId}, device {DeviceId})";
}
