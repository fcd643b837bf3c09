// nf_kem_*: ML-KEM-512/768/1024 (FIPS 203) and X-Wing behind one handle type (KemKey, include/nofuture.h). Private
// keys and seeds stay in the key's secrets; shared secrets come back as secret handles, never in caller memory.
// The nf_mlkem768_* functions (MlKemExports) are the same operations fixed to ML-KEM-768.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NoFuture.Memory;

namespace NoFuture.Native;

internal static unsafe class KemExports
{
    [UnmanagedCallersOnly(EntryPoint = "nf_kem_sizes")]
    private static int Sizes(uint algorithm, nuint* publicKey, nuint* ciphertext, nuint* seed)
    {
        if (publicKey is null || ciphertext is null || seed is null) return NativeStatus.NullPointer;
        if (!KemKey.Sizes(algorithm, out int pk, out int ct, out int sd)) return NativeStatus.InvalidArgument;
        *publicKey = (nuint)pk;
        *ciphertext = (nuint)ct;
        *seed = (nuint)sd;
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_kem_generate")]
    private static int Generate(uint algorithm, ulong* outKey) => GenerateCore(algorithm, outKey);

    internal static int GenerateCore(uint algorithm, ulong* outKey)
    {
        if (outKey is null) return NativeStatus.NullPointer;
        if (!KemKey.Sizes(algorithm, out _, out _, out _)) return NativeStatus.InvalidArgument;
        try
        {
            return Publish(KemKey.Generate(algorithm), outKey);
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_kem_import_seed")]
    private static int ImportSeed(uint algorithm, ulong seedHandle, ulong* outKey)
    {
        if (outKey is null) return NativeStatus.NullPointer;
        if (!KemKey.Sizes(algorithm, out _, out _, out int seedBytes)) return NativeStatus.InvalidArgument;
        int status = SecretExports.Lookup(seedHandle, out Secret? seed);
        if (status != NativeStatus.Ok) return status;
        try
        {
            if (seed!.IsDisposed) return StatusMap.From(new ObjectDisposedException(null), handle: seedHandle);
            if (seed.Length != seedBytes) return NativeStatus.InvalidArgument;
            return Publish(KemKey.ImportSeed(algorithm, seed), outKey);
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: seedHandle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_kem_import_public")]
    private static int ImportPublic(uint algorithm, byte* publicKey, nuint length, ulong* outKey) =>
        ImportPublicCore(algorithm, publicKey, length, outKey);

    internal static int ImportPublicCore(uint algorithm, byte* publicKey, nuint length, ulong* outKey)
    {
        if (publicKey is null || outKey is null) return NativeStatus.NullPointer;
        if (!KemKey.Sizes(algorithm, out int publicKeyBytes, out _, out _)) return NativeStatus.InvalidArgument;
        if (length != (nuint)publicKeyBytes) return NativeStatus.InvalidArgument;
        try
        {
            // SAFETY: the caller guarantees publicKey points to length (= the algorithm's size, checked) readable bytes.
            return Publish(KemKey.ImportPublic(algorithm, new ReadOnlySpan<byte>(publicKey, publicKeyBytes)), outKey);
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_kem_export_public")]
    private static int ExportPublic(ulong keyHandle, byte* output, nuint outputLength, nuint* written) =>
        ExportPublicCore(keyHandle, 0, output, outputLength, written);

    internal static int ExportPublicCore(ulong keyHandle, uint requiredAlgorithm, byte* output, nuint outputLength, nuint* written)
    {
        if (output is null) return NativeStatus.NullPointer;
        int status = Lookup(keyHandle, requiredAlgorithm, out KemKey? key);
        if (status != NativeStatus.Ok) return status;
        int size = key!.PublicKeySize;
        if (written is not null) *written = (nuint)size;
        if (outputLength < (nuint)size) return NativeStatus.BufferTooSmall;
        try
        {
            // SAFETY: output holds outputLength >= size bytes (caller contract, checked above).
            key.ExportPublic(new Span<byte>(output, size));
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: keyHandle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_kem_encapsulate")]
    private static int Encapsulate(ulong keyHandle, byte* ciphertext, nuint ciphertextLength, nuint* written, ulong* outSharedSecret) =>
        EncapsulateChecked(keyHandle, 0, ciphertext, ciphertextLength, written, outSharedSecret);

    internal static int EncapsulateChecked(ulong keyHandle, uint requiredAlgorithm, byte* ciphertext, nuint ciphertextLength,
        nuint* written, ulong* outSharedSecret)
    {
        if (ciphertext is null || outSharedSecret is null) return NativeStatus.NullPointer;
        int status = Lookup(keyHandle, requiredAlgorithm, out KemKey? key);
        if (status != NativeStatus.Ok) return status;
        int size = key!.CiphertextSize;
        if (written is not null) *written = (nuint)size;
        if (ciphertextLength < (nuint)size) return NativeStatus.BufferTooSmall;
        return EncapsulateCore(keyHandle, key, ciphertext, size, outSharedSecret);
    }

    // Not inlined into an export: a stackalloc gives a frame a stack cookie, and an export's own frame stores the
    // cookie in its prologue before the runtime has started (when it is the process's first call into the library)
    // and compares it with the initialised value at the epilogue, which fails fast (docs/native.md). Scenario
    // first_call checks every export as the first call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int EncapsulateCore(ulong keyHandle, KemKey key, byte* ciphertext, int size, ulong* outSharedSecret)
    {
        Secret? sharedSecret = null;
        try
        {
            // The ciphertext is public; it goes to the caller only once the whole operation has succeeded.
            Span<byte> ct = stackalloc byte[size];
            sharedSecret = Secret.Allocate(KemKey.SharedSecretBytes);
            using (SecretWriteLease lease = sharedSecret.OpenWrite())
            {
                key.Encapsulate(ct, lease.Span);
            }
            int status = HandleTable.Add(sharedSecret, HandleKind.Secret, out ulong handle);
            if (status != NativeStatus.Ok) return status;
            sharedSecret = null;
            // SAFETY: ciphertext holds at least size bytes (caller contract, checked by the caller of this method).
            ct.CopyTo(new Span<byte>(ciphertext, size));
            *outSharedSecret = handle;
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: keyHandle);
        }
        finally
        {
            sharedSecret?.Dispose();
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_kem_decapsulate")]
    private static int Decapsulate(ulong keyHandle, byte* ciphertext, nuint ciphertextLength, ulong* outSharedSecret) =>
        DecapsulateCore(keyHandle, 0, ciphertext, ciphertextLength, outSharedSecret);

    internal static int DecapsulateCore(ulong keyHandle, uint requiredAlgorithm, byte* ciphertext, nuint ciphertextLength, ulong* outSharedSecret)
    {
        if (ciphertext is null || outSharedSecret is null) return NativeStatus.NullPointer;
        int status = Lookup(keyHandle, requiredAlgorithm, out KemKey? key);
        if (status != NativeStatus.Ok) return status;
        int size = key!.CiphertextSize;
        if (ciphertextLength != (nuint)size) return NativeStatus.InvalidArgument;
        if (!key.HasPrivateKey) return NativeStatus.NoPrivateKey;
        Secret? sharedSecret = null;
        try
        {
            sharedSecret = Secret.Allocate(KemKey.SharedSecretBytes);
            using (SecretWriteLease lease = sharedSecret.OpenWrite())
            {
                // SAFETY: the caller guarantees ciphertext points to size (checked) readable bytes.
                key.Decapsulate(new ReadOnlySpan<byte>(ciphertext, size), lease.Span);
            }
            status = SecretExports.Publish(sharedSecret, outSharedSecret);
            sharedSecret = null; // Publish disposes it on failure
            return status;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, NativeStatus.NoPrivateKey, keyHandle);
        }
        finally
        {
            sharedSecret?.Dispose();
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_kem_algorithm")]
    private static int Algorithm(ulong keyHandle, uint* outAlgorithm)
    {
        if (outAlgorithm is null) return NativeStatus.NullPointer;
        int status = Lookup(keyHandle, 0, out KemKey? key);
        if (status != NativeStatus.Ok) return status;
        *outAlgorithm = key!.Algorithm;
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_kem_has_private")]
    private static int HasPrivate(ulong keyHandle, int* outHasPrivate) => HasPrivateCore(keyHandle, 0, outHasPrivate);

    internal static int HasPrivateCore(ulong keyHandle, uint requiredAlgorithm, int* outHasPrivate)
    {
        if (outHasPrivate is null) return NativeStatus.NullPointer;
        int status = Lookup(keyHandle, requiredAlgorithm, out KemKey? key);
        if (status != NativeStatus.Ok) return status;
        *outHasPrivate = key!.HasPrivateKey ? 1 : 0;
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_kem_free")]
    private static int Free(ulong keyHandle) => FreeCore(keyHandle, 0);

    internal static int FreeCore(ulong keyHandle, uint requiredAlgorithm)
    {
        if (keyHandle == 0) return NativeStatus.Ok;
        try
        {
            int status = Lookup(keyHandle, requiredAlgorithm, out _);
            if (status != NativeStatus.Ok) return status;
            status = HandleTable.Remove(keyHandle, HandleKind.KemKey, out KemKey? key);
            if (status == NativeStatus.Ok) key!.Dispose();
            return status;
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    /// <summary>
    /// The key behind <paramref name="handle"/>; with <paramref name="requiredAlgorithm"/> not 0 (the nf_mlkem768_*
    /// functions), a key of another algorithm is <see cref="NativeStatus.WrongHandleType"/>.
    /// </summary>
    internal static int Lookup(ulong handle, uint requiredAlgorithm, out KemKey? key)
    {
        try
        {
            int status = HandleTable.Get(handle, HandleKind.KemKey, out key);
            if (status == NativeStatus.Ok && requiredAlgorithm != 0 && key!.Algorithm != requiredAlgorithm)
            {
                key = null;
                return NativeStatus.WrongHandleType;
            }
            return status;
        }
        catch (Exception e)
        {
            key = null;
            return StatusMap.From(e);
        }
    }

    private static int Publish(KemKey key, ulong* outKey)
    {
        int status = HandleTable.Add(key, HandleKind.KemKey, out ulong handle);
        if (status != NativeStatus.Ok)
        {
            key.Dispose();
            return status;
        }
        *outKey = handle;
        return NativeStatus.Ok;
    }
}
