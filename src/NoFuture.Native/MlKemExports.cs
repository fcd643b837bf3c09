// nf_mlkem768_*: ML-KEM-768 (FIPS 203) over NoFuture.Crypto.MlKemKey (include/nofuture.h). The decapsulation key
// and seed stay in the key's secrets; shared secrets come back as secret handles, never in caller memory.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Native;

internal static unsafe class MlKemExports
{
    private const int PublicKeyBytes = 1184;
    private const int CiphertextBytes = 1088;
    private const int SharedSecretBytes = 32;

    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_generate")]
    private static int Generate(ulong* outKey)
    {
        if (outKey is null) return NativeStatus.NullPointer;
        try
        {
            return Publish(MlKemKey.Generate(MLKemAlgorithm.MLKem768), outKey);
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_import_public")]
    private static int ImportPublic(byte* publicKey, nuint length, ulong* outKey)
    {
        if (publicKey is null || outKey is null) return NativeStatus.NullPointer;
        if (length != PublicKeyBytes) return NativeStatus.InvalidArgument;
        try
        {
            // SAFETY: the caller guarantees publicKey points to length (= 1184, checked) readable bytes.
            var source = new ReadOnlySpan<byte>(publicKey, PublicKeyBytes);
            return Publish(MlKemKey.ImportEncapsulationKey(MLKemAlgorithm.MLKem768, source), outKey);
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_export_public")]
    private static int ExportPublic(ulong keyHandle, byte* output, nuint outputLength, nuint* written)
    {
        if (output is null) return NativeStatus.NullPointer;
        int status = Lookup(keyHandle, out MlKemKey? key);
        if (status != NativeStatus.Ok) return status;
        if (written is not null) *written = PublicKeyBytes;
        if (outputLength < PublicKeyBytes) return NativeStatus.BufferTooSmall;
        try
        {
            // SAFETY: output holds outputLength >= 1184 bytes (caller contract, checked above).
            return key!.TryExportEncapsulationKey(new Span<byte>(output, PublicKeyBytes), out _)
                ? NativeStatus.Ok
                : NativeStatus.Internal;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: keyHandle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_encapsulate")]
    private static int Encapsulate(ulong keyHandle, byte* ciphertext, nuint ciphertextLength, ulong* outSharedSecret)
    {
        if (ciphertext is null || outSharedSecret is null) return NativeStatus.NullPointer;
        int status = Lookup(keyHandle, out MlKemKey? key);
        if (status != NativeStatus.Ok) return status;
        if (ciphertextLength < CiphertextBytes) return NativeStatus.BufferTooSmall;
        return EncapsulateCore(keyHandle, key!, ciphertext, outSharedSecret);
    }

    // Not inlined into the export: a stackalloc gives a frame a stack cookie, and an export's own frame stores
    // the cookie in its prologue before the runtime has started (when it is the process's first call into the
    // library) and compares it with the initialised value at the epilogue, which fails fast (SIGABRT). A callee's
    // frame starts after the runtime. Scenario first_call checks every export as the first call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int EncapsulateCore(ulong keyHandle, MlKemKey key, byte* ciphertext, ulong* outSharedSecret)
    {
        Secret? sharedSecret = null;
        try
        {
            // The ciphertext is public; it goes to the caller only once the whole operation has succeeded.
            Span<byte> ct = stackalloc byte[CiphertextBytes];
            sharedSecret = Secret.Allocate(SharedSecretBytes);
            using (SecretWriteLease lease = sharedSecret.OpenWrite())
            {
                key.Encapsulate(ct, lease.Span);
            }
            int status = HandleTable.Add(sharedSecret, HandleKind.Secret, out ulong handle);
            if (status != NativeStatus.Ok) return status;
            sharedSecret = null;
            // SAFETY: ciphertext holds at least 1088 bytes (caller contract, checked by the export).
            ct.CopyTo(new Span<byte>(ciphertext, CiphertextBytes));
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

    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_decapsulate")]
    private static int Decapsulate(ulong keyHandle, byte* ciphertext, nuint ciphertextLength, ulong* outSharedSecret)
    {
        if (ciphertext is null || outSharedSecret is null) return NativeStatus.NullPointer;
        int status = Lookup(keyHandle, out MlKemKey? key);
        if (status != NativeStatus.Ok) return status;
        if (ciphertextLength != CiphertextBytes) return NativeStatus.InvalidArgument;
        if (!key!.HasPrivateKey) return NativeStatus.NoPrivateKey;
        Secret? sharedSecret = null;
        try
        {
            sharedSecret = Secret.Allocate(SharedSecretBytes);
            using (SecretWriteLease lease = sharedSecret.OpenWrite())
            {
                // SAFETY: the caller guarantees ciphertext points to 1088 (checked) readable bytes.
                key.Decapsulate(new ReadOnlySpan<byte>(ciphertext, CiphertextBytes), lease.Span);
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

    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_has_private")]
    private static int HasPrivate(ulong keyHandle, int* outHasPrivate)
    {
        if (outHasPrivate is null) return NativeStatus.NullPointer;
        int status = Lookup(keyHandle, out MlKemKey? key);
        if (status != NativeStatus.Ok) return status;
        *outHasPrivate = key!.HasPrivateKey ? 1 : 0;
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_free")]
    private static int Free(ulong keyHandle)
    {
        if (keyHandle == 0) return NativeStatus.Ok;
        try
        {
            int status = HandleTable.Remove(keyHandle, HandleKind.MlKem768Key, out MlKemKey? key);
            if (status == NativeStatus.Ok) key!.Dispose();
            return status;
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    private static int Lookup(ulong handle, out MlKemKey? key)
    {
        try
        {
            return HandleTable.Get(handle, HandleKind.MlKem768Key, out key);
        }
        catch (Exception e)
        {
            key = null;
            return StatusMap.From(e);
        }
    }

    private static int Publish(MlKemKey key, ulong* outKey)
    {
        int status = HandleTable.Add(key, HandleKind.MlKem768Key, out ulong handle);
        if (status != NativeStatus.Ok)
        {
            key.Dispose();
            return status;
        }
        *outKey = handle;
        return NativeStatus.Ok;
    }
}
