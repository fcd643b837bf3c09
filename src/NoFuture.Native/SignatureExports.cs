// nf_sig_*: signatures over NoFuture.Crypto.SignatureAlgorithm / SigningKey (include/nofuture.h): Ed25519, Ed448,
// Ed448ph, ECDSA P-256/384/521 (DER or IEEE P1363) and ML-DSA-44/65/87 (FIPS 204; hedged signing, 32-byte seed). The signing key lives in a handle and never reaches caller
// memory (there is no private-key export); verification needs only the public key's bytes.
using System.Runtime.InteropServices;
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Native;

internal static unsafe class SignatureExports
{
    // The NF_SIG_* ids of include/nofuture.h.
    private static SignatureAlgorithm? ToAlgorithm(uint id) => id switch
    {
        1 => SignatureAlgorithm.Ed25519,
        2 => SignatureAlgorithm.Ed448,
        3 => SignatureAlgorithm.Ed448ph,
        4 => SignatureAlgorithm.EcdsaP256Sha256,
        5 => SignatureAlgorithm.EcdsaP384Sha384,
        6 => SignatureAlgorithm.EcdsaP521Sha512,
        7 => SignatureAlgorithm.EcdsaP256Sha256P1363,
        8 => SignatureAlgorithm.EcdsaP384Sha384P1363,
        9 => SignatureAlgorithm.EcdsaP521Sha512P1363,
        10 => SignatureAlgorithm.MlDsa44,
        11 => SignatureAlgorithm.MlDsa65,
        12 => SignatureAlgorithm.MlDsa87,
        _ => null,
    };

    private const uint LastId = 12;

    private static uint ToId(SignatureAlgorithm algorithm)
    {
        for (uint id = 1; id <= LastId; id++)
        {
            if (ReferenceEquals(ToAlgorithm(id), algorithm)) return id;
        }
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_sig_sizes")]
    private static int Sizes(uint algorithmId, nuint* publicKey, nuint* signatureMax, nuint* privateKey)
    {
        if (publicKey is null || signatureMax is null || privateKey is null) return NativeStatus.NullPointer;
        SignatureAlgorithm? algorithm = ToAlgorithm(algorithmId);
        if (algorithm is null) return NativeStatus.InvalidArgument;
        *publicKey = (nuint)algorithm.PublicKeySizeInBytes;
        *signatureMax = (nuint)algorithm.SignatureSizeInBytes;
        *privateKey = (nuint)algorithm.PrivateKeySizeInBytes;
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_sig_generate")]
    private static int Generate(uint algorithmId, ulong* outKey)
    {
        if (outKey is null) return NativeStatus.NullPointer;
        SignatureAlgorithm? algorithm = ToAlgorithm(algorithmId);
        if (algorithm is null) return NativeStatus.InvalidArgument;
        try
        {
            return NativeKeys.Publish(algorithm.GenerateKey(), HandleKind.SigningKey, outKey);
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_sig_import_private")]
    private static int ImportPrivate(uint algorithmId, ulong privateKeyHandle, ulong* outKey)
    {
        if (outKey is null) return NativeStatus.NullPointer;
        SignatureAlgorithm? algorithm = ToAlgorithm(algorithmId);
        if (algorithm is null) return NativeStatus.InvalidArgument;
        int status = SecretExports.Lookup(privateKeyHandle, out Secret? secret);
        if (status != NativeStatus.Ok) return status;
        try
        {
            return NativeKeys.Publish(algorithm.ImportPrivateKey(secret!), HandleKind.SigningKey, outKey);
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: privateKeyHandle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_sig_export_public")]
    private static int ExportPublic(ulong keyHandle, byte* output, nuint outputLength, nuint* written)
    {
        if (output is null) return NativeStatus.NullPointer;
        int status = NativeKeys.Lookup(keyHandle, HandleKind.SigningKey, out SigningKey? key);
        if (status != NativeStatus.Ok) return status;
        try
        {
            return NativeOutput.CopyPublic(key!.PublicKey, output, outputLength, written);
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: keyHandle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_sig_algorithm")]
    private static int Algorithm(ulong keyHandle, uint* outAlgorithm)
    {
        if (outAlgorithm is null) return NativeStatus.NullPointer;
        int status = NativeKeys.Lookup(keyHandle, HandleKind.SigningKey, out SigningKey? key);
        if (status != NativeStatus.Ok) return status;
        *outAlgorithm = ToId(key!.Algorithm);
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_sig_sign")]
    private static int Sign(ulong keyHandle, byte* message, nuint messageLength, byte* context, nuint contextLength,
        byte* signature, nuint signatureLength, nuint* written)
    {
        if (signature is null) return NativeStatus.NullPointer;
        int status = NativeInput.Check(message, messageLength);
        if (status == NativeStatus.Ok) status = NativeInput.Check(context, contextLength);
        if (status != NativeStatus.Ok) return status;
        status = NativeKeys.Lookup(keyHandle, HandleKind.SigningKey, out SigningKey? key);
        if (status != NativeStatus.Ok) return status;
        int max = key!.Algorithm.SignatureSizeInBytes;
        if (signatureLength < (nuint)max)
        {
            if (written is not null) *written = (nuint)max;
            return NativeStatus.BufferTooSmall;
        }
        try
        {
            // The signature is public: built in a managed buffer and copied out only on success.
            byte[] buffer = new byte[max];
            int length = key.Sign(NativeInput.Span(message, messageLength), buffer, NativeInput.Span(context, contextLength));
            // SAFETY: signature holds signatureLength >= max >= length bytes (caller contract, checked above).
            buffer.AsSpan(0, length).CopyTo(new Span<byte>(signature, length));
            if (written is not null) *written = (nuint)length;
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: keyHandle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_sig_verify")]
    private static int Verify(uint algorithmId, byte* publicKey, nuint publicKeyLength, byte* message, nuint messageLength,
        byte* signature, nuint signatureLength, byte* context, nuint contextLength, int* outValid)
    {
        if (publicKey is null || signature is null || outValid is null) return NativeStatus.NullPointer;
        int status = NativeInput.Check(message, messageLength);
        if (status == NativeStatus.Ok) status = NativeInput.Check(context, contextLength);
        if (status == NativeStatus.Ok) status = NativeInput.Check(signature, signatureLength);
        if (status != NativeStatus.Ok) return status;
        SignatureAlgorithm? algorithm = ToAlgorithm(algorithmId);
        if (algorithm is null || publicKeyLength != (nuint)algorithm.PublicKeySizeInBytes) return NativeStatus.InvalidArgument;
        try
        {
            // A public key that is not a point, or a malformed signature, is simply not valid (false), as in the
            // managed API; a wrong public-key size or a context the algorithm cannot take is a caller mistake.
            *outValid = algorithm.Verify(NativeInput.Span(publicKey, publicKeyLength), NativeInput.Span(message, messageLength),
                NativeInput.Span(signature, signatureLength), NativeInput.Span(context, contextLength)) ? 1 : 0;
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_sig_free")]
    private static int Free(ulong keyHandle) => NativeKeys.Free<SigningKey>(keyHandle, HandleKind.SigningKey);
}
