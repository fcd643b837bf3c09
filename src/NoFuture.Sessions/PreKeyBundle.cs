// A prekey bundle as libsignal's PreKeyBundle holds it (rust/protocol/src/state/bundle.rs), each key in libsignal's
// serialized form: Curve25519 public keys as 0x05 ‖ 32 bytes, the KEM prekey as its type byte ‖ encapsulation key
// (0x08 Kyber-1024 round 3, which libsignal 0.103 requires; 0x0A ML-KEM-1024 accepted too), signatures as 64-byte
// XEdDSA signatures by the identity key over the serialized prekey (PQXDH revision 3, section 3.2).
// Import verifies everything before a bundle exists: a bundle object is always well formed and signed.
using NoFuture.Crypto;
using NoFuture.Sessions.Handshake;
using NoFuture.Sessions.Protocol;

namespace NoFuture.Sessions;

/// <summary>
/// A peer's published keys for starting a session (PQXDH): identity key, signed prekey, signed KEM prekey and an
/// optional one-time prekey, with the registration and device ids. Public data only; both signatures verified.
/// </summary>
public sealed class PreKeyBundle
{
    /// <summary>A serialized Curve25519 public key: 0x05 and 32 bytes.</summary>
    public const int PublicKeySizeInBytes = WireFormat.PublicKeySize;

    /// <summary>An XEdDSA signature.</summary>
    public const int SignatureSizeInBytes = XEdDsa.SignatureSizeInBytes;

    private readonly byte[]? _preKey;
    private readonly byte[] _signedPreKey, _signedPreKeySignature, _identityKey, _kyberPreKey, _kyberPreKeySignature;

    private PreKeyBundle(uint registrationId, uint deviceId, uint? preKeyId, byte[]? preKey, uint signedPreKeyId,
        byte[] signedPreKey, byte[] signedPreKeySignature, byte[] identityKey, uint kyberPreKeyId, byte[] kyberPreKey,
        byte[] kyberPreKeySignature)
    {
        RegistrationId = registrationId;
        DeviceId = deviceId;
        PreKeyId = preKeyId;
        _preKey = preKey;
        SignedPreKeyId = signedPreKeyId;
        _signedPreKey = signedPreKey;
        _signedPreKeySignature = signedPreKeySignature;
        _identityKey = identityKey;
        KyberPreKeyId = kyberPreKeyId;
        _kyberPreKey = kyberPreKey;
        _kyberPreKeySignature = kyberPreKeySignature;
    }

    /// <summary>The peer's registration id.</summary>
    public uint RegistrationId { get; }

    /// <summary>The peer's device id.</summary>
    public uint DeviceId { get; }

    /// <summary>The one-time prekey's id, or null when the bundle has none.</summary>
    public uint? PreKeyId { get; }

    /// <summary>The one-time prekey (serialized, 33 bytes), or empty.</summary>
    public ReadOnlySpan<byte> PreKey => _preKey;

    /// <summary>The signed prekey's id.</summary>
    public uint SignedPreKeyId { get; }

    /// <summary>The signed prekey (serialized, 33 bytes).</summary>
    public ReadOnlySpan<byte> SignedPreKey => _signedPreKey;

    /// <summary>The identity key's XEdDSA signature over <see cref="SignedPreKey"/>.</summary>
    public ReadOnlySpan<byte> SignedPreKeySignature => _signedPreKeySignature;

    /// <summary>The identity key (serialized, 33 bytes).</summary>
    public ReadOnlySpan<byte> IdentityKey => _identityKey;

    /// <summary>The KEM prekey's id.</summary>
    public uint KyberPreKeyId { get; }

    /// <summary>The KEM prekey (serialized: type byte 0x08 or 0x0A and the 1,568-byte encapsulation key).</summary>
    public ReadOnlySpan<byte> KyberPreKey => _kyberPreKey;

    /// <summary>The identity key's XEdDSA signature over <see cref="KyberPreKey"/>.</summary>
    public ReadOnlySpan<byte> KyberPreKeySignature => _kyberPreKeySignature;

    /// <summary>
    /// Imports a bundle from libsignal's serialized forms (as <c>PreKeyBundle.new</c> takes them) and verifies it.
    /// </summary>
    /// <param name="registrationId">The peer's registration id.</param>
    /// <param name="deviceId">The peer's device id.</param>
    /// <param name="preKeyId">The one-time prekey's id, or null for none.</param>
    /// <param name="preKey">The one-time prekey (33 bytes), empty when <paramref name="preKeyId"/> is null.</param>
    /// <param name="signedPreKeyId">The signed prekey's id.</param>
    /// <param name="signedPreKey">The signed prekey (33 bytes).</param>
    /// <param name="signedPreKeySignature">Its signature (64 bytes).</param>
    /// <param name="identityKey">The identity key (33 bytes).</param>
    /// <param name="kyberPreKeyId">The KEM prekey's id.</param>
    /// <param name="kyberPreKey">The KEM prekey (1,569 bytes).</param>
    /// <param name="kyberPreKeySignature">Its signature (64 bytes).</param>
    /// <returns>The verified bundle.</returns>
    /// <exception cref="SessionException">A key has the wrong type or size (<see cref="SessionError.InvalidKey"/>), a
    /// signature does not verify (<see cref="SessionError.InvalidSignature"/>), or the one-time prekey and its id
    /// disagree (<see cref="SessionError.Malformed"/>).</exception>
    public static PreKeyBundle Import(uint registrationId, uint deviceId, uint? preKeyId, ReadOnlySpan<byte> preKey,
        uint signedPreKeyId, ReadOnlySpan<byte> signedPreKey, ReadOnlySpan<byte> signedPreKeySignature,
        ReadOnlySpan<byte> identityKey, uint kyberPreKeyId, ReadOnlySpan<byte> kyberPreKey, ReadOnlySpan<byte> kyberPreKeySignature)
    {
        if (preKeyId is null != preKey.IsEmpty) SessionThrowHelper.Rejected(SessionError.Malformed, "bundle's one-time prekey");
        if (preKeyId is not null) CheckCurveKey(preKey, "bundle's one-time prekey");
        CheckCurveKey(signedPreKey, "bundle's signed prekey");
        CheckCurveKey(identityKey, "bundle's identity key");
        KemPreKey.CheckPublic(kyberPreKey);
        // Both signatures are by the identity key: its Edwards form (XEdDSA's convert_mont, a field inversion) is
        // computed once. A key with no Edwards form fails the first check, as XEdDsa.Verify would.
        Span<byte> identityEdwards = stackalloc byte[32];
        bool identityConverts = XEdDsa.ConvertPublicKey(identityKey[1..], identityEdwards);
        if (signedPreKeySignature.Length != SignatureSizeInBytes || !identityConverts ||
            !XEdDsa.VerifyConverted(identityEdwards, signedPreKey, signedPreKeySignature))
            SessionThrowHelper.Rejected(SessionError.InvalidSignature, "bundle's signed prekey");
        if (kyberPreKeySignature.Length != SignatureSizeInBytes ||
            !XEdDsa.VerifyConverted(identityEdwards, kyberPreKey, kyberPreKeySignature))
            SessionThrowHelper.Rejected(SessionError.InvalidSignature, "bundle's KEM prekey");
        return new PreKeyBundle(registrationId, deviceId, preKeyId, preKeyId is null ? null : preKey.ToArray(), signedPreKeyId,
            signedPreKey.ToArray(), signedPreKeySignature.ToArray(), identityKey.ToArray(), kyberPreKeyId, kyberPreKey.ToArray(),
            kyberPreKeySignature.ToArray());
    }

    /// <summary>A bundle this library made (already signed by <see cref="QuantumIdentity"/>): no re-verification.</summary>
    internal static PreKeyBundle FromTrusted(uint registrationId, uint deviceId, uint? preKeyId, byte[]? preKey, uint signedPreKeyId,
        byte[] signedPreKey, byte[] signedPreKeySignature, byte[] identityKey, uint kyberPreKeyId, byte[] kyberPreKey,
        byte[] kyberPreKeySignature) =>
        new(registrationId, deviceId, preKeyId, preKey, signedPreKeyId, signedPreKey, signedPreKeySignature, identityKey,
            kyberPreKeyId, kyberPreKey, kyberPreKeySignature);

    internal static void CheckCurveKey(ReadOnlySpan<byte> key, string what)
    {
        if (key.Length != PublicKeySizeInBytes || key[0] != WireFormat.DjbType) SessionThrowHelper.Rejected(SessionError.InvalidKey, what);
    }

    /// <inheritdoc/>
    public override string ToString() => $"PreKeyBundle(registration {RegistrationId}, device {DeviceId})";
}
