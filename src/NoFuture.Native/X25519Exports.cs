// nf_x25519_*: X25519 (RFC 7748) over NoFuture.Crypto.X25519PrivateKey (include/nofuture.h). The private scalar
// stays in the key's secret; the shared secret comes back as a secret handle.
using System.Runtime.InteropServices;
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Native;

internal static unsafe class X25519Exports
{
    private const int KeyBytes = 32;

    [UnmanagedCallersOnly(EntryPoint = "nf_x25519_generate")]
    private static int Generate(ulong* outKey)
    {
        if (outKey is null) return NativeStatus.NullPointer;
        try
        {
            return NativeKeys.Publish(X25519PrivateKey.Generate(), HandleKind.X25519Key, outKey);
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_x25519_import")]
    private static int Import(ulong privateKeyHandle, ulong* outKey)
    {
        if (outKey is null) return NativeStatus.NullPointer;
        int status = SecretExports.Lookup(privateKeyHandle, out Secret? secret);
        if (status != NativeStatus.Ok) return status;
        try
        {
            if (secret!.Length != KeyBytes) return NativeStatus.InvalidArgument;
            return NativeKeys.Publish(X25519PrivateKey.Import(secret), HandleKind.X25519Key, outKey);
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: privateKeyHandle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_x25519_export_public")]
    private static int ExportPublic(ulong keyHandle, byte* output, nuint outputLength, nuint* written)
    {
        if (output is null) return NativeStatus.NullPointer;
        int status = NativeKeys.Lookup(keyHandle, HandleKind.X25519Key, out X25519PrivateKey? key);
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

    [UnmanagedCallersOnly(EntryPoint = "nf_x25519_agree")]
    private static int Agree(ulong keyHandle, byte* peerPublicKey, nuint peerPublicKeyLength, ulong* outSharedSecret)
    {
        if (peerPublicKey is null || outSharedSecret is null) return NativeStatus.NullPointer;
        int status = NativeKeys.Lookup(keyHandle, HandleKind.X25519Key, out X25519PrivateKey? key);
        if (status != NativeStatus.Ok) return status;
        if (peerPublicKeyLength != KeyBytes) return NativeStatus.InvalidArgument;
        Secret? shared = null;
        try
        {
            shared = Secret.Allocate(KeyBytes);
            bool agreed;
            using (SecretWriteLease lease = shared.OpenWrite())
            {
                // SAFETY: the caller guarantees peerPublicKey points to 32 (checked) readable bytes.
                agreed = key!.Agree(new ReadOnlySpan<byte>(peerPublicKey, KeyBytes), lease.Span);
            }
            // RFC 7748 §6.1: an all-zero result (a small-order peer key) is refused.
            if (!agreed) return NativeStatus.Rejected;
            status = SecretExports.Publish(shared, outSharedSecret);
            shared = null; // Publish disposes it on failure
            return status;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: keyHandle);
        }
        finally
        {
            shared?.Dispose();
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_x25519_free")]
    private static int Free(ulong keyHandle) => NativeKeys.Free<X25519PrivateKey>(keyHandle, HandleKind.X25519Key);
}
