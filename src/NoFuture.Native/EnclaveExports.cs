// nf_enclave_*: the C ABI over NoFuture.Memory.Enclave (include/nofuture.h).
using System.Runtime.InteropServices;
using NoFuture.Memory;

namespace NoFuture.Native;

internal static unsafe class EnclaveExports
{
    [UnmanagedCallersOnly(EntryPoint = "nf_enclave_seal")]
    private static int Seal(ulong secretHandle, ulong* outHandle)
    {
        if (outHandle is null) return NativeStatus.NullPointer;
        int status = SecretExports.Lookup(secretHandle, out Secret? secret);
        if (status != NativeStatus.Ok) return status;
        try
        {
            Enclave enclave;
            // Seals a copy straight from secret memory; the secret handle stays valid (the caller frees it).
            using (SecretReadLease lease = secret!.OpenRead())
            {
                enclave = Enclave.SealCopy(lease.Span);
            }
            status = HandleTable.Add(enclave, HandleKind.Enclave, out ulong handle);
            if (status == NativeStatus.Ok) *outHandle = handle;
            return status;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: secretHandle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_enclave_open")]
    private static int Open(ulong enclaveHandle, uint flags, ulong* outSecret)
    {
        if (outSecret is null) return NativeStatus.NullPointer;
        SecretOptions? options = SecretFlags.ToOptions(flags);
        if (options is null) return NativeStatus.InvalidArgument;
        int status = Lookup(enclaveHandle, out Enclave? enclave);
        if (status != NativeStatus.Ok) return status;
        try
        {
            return SecretExports.Publish(enclave!.Open(options), outSecret);
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: enclaveHandle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_enclave_length")]
    private static int Length(ulong enclaveHandle, nuint* outLength)
    {
        if (outLength is null) return NativeStatus.NullPointer;
        int status = Lookup(enclaveHandle, out Enclave? enclave);
        if (status != NativeStatus.Ok) return status;
        *outLength = (nuint)enclave!.Length;
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_enclave_free")]
    private static int Free(ulong enclaveHandle)
    {
        if (enclaveHandle == 0) return NativeStatus.Ok;
        try
        {
            // The enclave holds only ciphertext: dropping the last reference is all there is to freeing it.
            return HandleTable.Remove(enclaveHandle, HandleKind.Enclave, out Enclave? _);
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    private static int Lookup(ulong handle, out Enclave? enclave)
    {
        try
        {
            return HandleTable.Get(handle, HandleKind.Enclave, out enclave);
        }
        catch (Exception e)
        {
            enclave = null;
            return StatusMap.From(e);
        }
    }
}
