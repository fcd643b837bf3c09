// Every exception message of NoFuture.Crypto is built here, so none carries key bytes or secret lengths.
using System.Diagnostics.CodeAnalysis;

namespace NoFuture.Crypto;

internal static class CryptoThrowHelper
{
    [DoesNotReturn]
    internal static void WrongSize(string paramName, int expected) =>
        throw new ArgumentException($"The buffer must be exactly {expected} bytes.", paramName);

    [DoesNotReturn]
    internal static void TooSmall(string paramName, int needed) =>
        throw new ArgumentException($"The buffer must be at least {needed} bytes.", paramName);

    [DoesNotReturn]
    internal static void Overlap(string paramName) =>
        throw new ArgumentException("The buffer overlaps another argument.", paramName);

    [DoesNotReturn]
    internal static void LengthMismatch(string paramName, string otherName) =>
        throw new ArgumentException($"The buffer must have the same length as {otherName}.", paramName);

    [DoesNotReturn]
    internal static void WrongSecretSize(string paramName, int expected) =>
        throw new ArgumentException($"The secret must be exactly {expected} bytes.", paramName);

    [DoesNotReturn]
    internal static void OutOfRange(string paramName, int min, int max) =>
        throw new ArgumentOutOfRangeException(paramName, $"The value must be between {min} and {max}.");

    [DoesNotReturn]
    internal static void OutputSize(string paramName, int max) =>
        throw new ArgumentException($"The output must be between 1 and {max} bytes.", paramName);

    [DoesNotReturn]
    internal static void InvalidPrivateKey(string paramName) =>
        throw new CryptoException(CryptoError.InvalidPrivateKey, $"The private key ({paramName}) is not a valid scalar for the curve: it is 0 or not below the group order.");

    [DoesNotReturn]
    internal static void InvalidMlKemEncapsulationKey() => PublicKeyRejected("ML-KEM encapsulation", "the FIPS 203 section 7.2 modulus check");

    /// <summary>Untrusted public key failing its algorithm's check: <see cref="CryptoError.InvalidPublicKey"/>.</summary>
    [DoesNotReturn]
    internal static void PublicKeyRejected(string algorithm, string check) =>
        throw new CryptoException(CryptoError.InvalidPublicKey, $"The {algorithm} key fails {check}.");

    /// <summary>Untrusted private key (an import) failing its algorithm's check: <see cref="CryptoError.InvalidPrivateKey"/>.</summary>
    [DoesNotReturn]
    internal static void PrivateKeyRejected(string algorithm, string check) =>
        throw new CryptoException(CryptoError.InvalidPrivateKey, $"The {algorithm} private key fails {check}.");

    /// <summary>A malformed encoding read from untrusted input: <see cref="CryptoError.InvalidEncoding"/>.</summary>
    [DoesNotReturn]
    internal static void EncodingRejected(string what) =>
        throw new CryptoException(CryptoError.InvalidEncoding, $"The {what} is malformed.");

    /// <summary>An operation on a key object that lacks the part it needs (a public-only ML-KEM key asked to decapsulate).</summary>
    [DoesNotReturn]
    internal static void KeyLacks(string part) =>
        throw new InvalidOperationException($"The key has no {part}: it was imported without it.");

    [DoesNotReturn]
    internal static T NotMlKem<T>(string paramName) =>
        throw new ArgumentException("The algorithm is not ML-KEM-512, ML-KEM-768 or ML-KEM-1024.", paramName);

    [DoesNotReturn]
    internal static void NotMlKem768(string paramName) =>
        throw new ArgumentException("The key is not an ML-KEM-768 key.", paramName);

    [DoesNotReturn]
    internal static T NotMlDsa<T>(string paramName) =>
        throw new ArgumentException("The algorithm is not ML-DSA-44, ML-DSA-65 or ML-DSA-87.", paramName);

    /// <summary>A HashML-DSA hash OID that is not one of FIPS 204's pre-hash functions (section 5.4.1).</summary>
    [DoesNotReturn]
    internal static void UnknownPreHashOid(string paramName) =>
        throw new ArgumentException("The hash algorithm OID is not a FIPS 204 pre-hash function (SHA-2, SHA-3 or SHAKE).", paramName);

    [DoesNotReturn]
    internal static T Pkcs8NotSupported<T>() =>
        throw new NotSupportedException("PKCS#8 export is not supported; export the private seed instead.");

    /// <summary>A branch the callers' checks exclude (an internal invariant, never reachable through the public API).</summary>
    [DoesNotReturn]
    internal static void Unreachable() => throw new System.Diagnostics.UnreachableException();

    /// <inheritdoc cref="Unreachable()"/>
    [DoesNotReturn]
    internal static T Unreachable<T>() => throw new System.Diagnostics.UnreachableException();

    [DoesNotReturn]
    internal static void NativeInitFailed(string library) =>
        throw new InvalidOperationException($"The native library {library} failed to initialise.");

    [DoesNotReturn]
    internal static void NativeFailed(string function) =>
        throw new CryptoException(CryptoError.NativeFailure, $"The native call {function} failed unexpectedly.");

    // ---- Signatures (src/NoFuture.Crypto/Signatures) ----

    [DoesNotReturn]
    internal static void ContextTooLong(string paramName, int max) =>
        throw new ArgumentException($"The context must be at most {max} bytes (RFC 8032 section 5.2).", paramName);

    [DoesNotReturn]
    internal static void ContextNotSupported(string paramName, string algorithm) =>
        throw new ArgumentException($"{algorithm} takes no context; pass an empty one.", paramName);

    [DoesNotReturn]
    internal static void InvalidSignaturePublicKey(string algorithm) =>
        PublicKeyRejected($"{algorithm} public", "the point check: it is not the encoding of a valid curve point");

    // --- Key export policy (KeyExportPolicies) ---
    [DoesNotReturn]
    internal static void ExportNotAllowed() =>
        throw new InvalidOperationException(
            "The key was not created with KeyExportPolicies.AllowPlaintextExport, so its private key cannot be exported.");

    [DoesNotReturn]
    internal static void UnknownExportPolicy(string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, "The value is not a combination of KeyExportPolicies flags.");

    // ---- Argon2 (src/NoFuture.Crypto/Argon2) ----

    [DoesNotReturn]
    internal static void Argon2Undefined(string paramName, string what) =>
        throw new ArgumentOutOfRangeException(paramName, $"The value is not a defined Argon2 {what}.");

    [DoesNotReturn]
    internal static void Argon2MemoryTooSmall(string paramName, long minimumKib) =>
        throw new ArgumentOutOfRangeException(paramName,
            $"The memory size must be at least 8 KiB per lane ({minimumKib} KiB for this parallelism; RFC 9106 section 3.1).");

    [DoesNotReturn]
    internal static void Argon2MemoryUnavailable(string paramName, long neededMib, long availableMib) =>
        throw new ArgumentOutOfRangeException(paramName,
            $"The memory size ({neededMib} MiB) exceeds the memory available to this process ({availableMib} MiB).");

    [DoesNotReturn]
    internal static void Argon2TagLongerThanSecret(string paramName) =>
        throw new ArgumentOutOfRangeException(paramName,
            "The tag length exceeds Secret.MaxLength (1 GiB), so no Secret can hold the output; derive into a span instead.");

    [DoesNotReturn]
    internal static void Argon2PhcTooLong(string paramName, int maxLength) =>
        throw new ArgumentOutOfRangeException(paramName, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The tag length would make the PHC string longer than the {maxLength} characters Argon2PhcString.Parse accepts."));

    // The string's m and t and the caller's limits are public values; nothing of the salt, hash or password is shown.
    [DoesNotReturn]
    internal static void Argon2LimitExceeded(Argon2Error error, long value, long limit) =>
        throw new Argon2Exception(error, error == Argon2Error.MemoryLimitExceeded
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The PHC string asks for m = {value} KiB of memory, above the verification limit of {limit} KiB (Argon2VerifyLimits.MaxMemorySizeKib).")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The PHC string asks for m*t = {value} KiB of blocks over all passes, above the verification limit of {limit} KiB (Argon2VerifyLimits.MaxWorkKib)."));

    [DoesNotReturn]
    internal static void Argon2Purged() =>
        throw new ObjectDisposedException(nameof(Argon2), "Secret memory was purged during the derivation; its result was discarded.");

    [DoesNotReturn]
    internal static void KeyPurged(string typeName) =>
        throw new ObjectDisposedException(typeName, "Secret memory was purged (SecureMemory.Purge): the key was wiped and cannot be used.");

    [DoesNotReturn]
    internal static void Argon2PhcMalformed(string field) =>
        throw new Argon2Exception(Argon2Error.MalformedString, $"The PHC string is malformed: bad or missing {field}.");

    [DoesNotReturn]
    internal static void Argon2StoredMemoryUnavailable(long neededMib, long availableMib) =>
        throw new Argon2Exception(Argon2Error.MemoryUnavailable, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The PHC string asks for {neededMib} MiB, more than the memory available to this process ({availableMib} MiB)."));

    // ---- HPKE (src/NoFuture.Crypto/Hpke) ----

    /// <summary>An info, psk or psk_id over the one-stage KDF's limit; names the limit, never the length (a PSK's is secret).</summary>
    [DoesNotReturn]
    internal static void HpkeInputTooLong(string paramName, string kdfName, int max) =>
        throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"With {kdfName} the value must be at most {max} bytes: it is length-prefixed with two bytes (draft-ietf-hpke-hpke, Input Length Restrictions)."), paramName);

    [DoesNotReturn]
    internal static void Hpke(NoFuture.Crypto.HpkeError error) =>
        throw new NoFuture.Crypto.HpkeException(error, error switch
        {
            NoFuture.Crypto.HpkeError.EncapsulationFailed => "HPKE encapsulation failed: the recipient's public key is not valid for the KEM.",
            NoFuture.Crypto.HpkeError.DecapsulationFailed => "HPKE decapsulation failed: the encapsulated key or the sender's public key is not valid for the KEM.",
            NoFuture.Crypto.HpkeError.MessageLimitReached => "The HPKE context has reached its message limit; set up a new context.",
            NoFuture.Crypto.HpkeError.DeriveKeyPairFailed => "DeriveKeyPair found no valid private key.",
            _ => "HPKE failed.",
        });

    /// <summary>An auth mode with a KEM that has no AuthEncap/AuthDecap (draft-ietf-hpke-pq §6.2): the caller's choice.</summary>
    [DoesNotReturn]
    internal static void HpkeAuthNotSupported(string paramName) =>
        throw new ArgumentException("This KEM has no AuthEncap/AuthDecap: the auth and auth_psk modes need a DHKEM.", paramName);

    /// <summary>Seal or Open on a suite whose AEAD is export-only (0xFFFF): the caller's choice.</summary>
    [DoesNotReturn]
    internal static void HpkeExportOnly() =>
        throw new InvalidOperationException("The suite's AEAD is export-only: the context can export secrets but not seal or open.");

    [DoesNotReturn]
    internal static void HpkeKemMismatch(string paramName) =>
        throw new ArgumentException("The key belongs to a different HPKE KEM than the suite.", paramName);

    [DoesNotReturn]
    internal static void HpkePskInputs(string paramName) =>
        throw new ArgumentException("A PSK and a PSK id must be given together (RFC 9180 VerifyPSKInputs), both non-empty.", paramName);
}
