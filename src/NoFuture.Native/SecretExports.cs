// nf_secret_*: the C ABI over NoFuture.Memory.Secret (include/nofuture.h). Every entry point validates its
// pointers and sizes before touching anything, writes its outputs only on success, and catches every exception.
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Native;

internal static unsafe class SecretExports
{
    [UnmanagedCallersOnly(EntryPoint = "nf_secret_new")]
    private static int New(nuint length, uint flags, ulong* outHandle) => Create(length, flags, outHandle, random: false);

    [UnmanagedCallersOnly(EntryPoint = "nf_secret_random")]
    private static int Random(nuint length, uint flags, ulong* outHandle) => Create(length, flags, outHandle, random: true);

    private static int Create(nuint length, uint flags, ulong* outHandle, bool random)
    {
        if (outHandle is null) return NativeStatus.NullPointer;
        if (length - 1 >= Secret.MaxLength) return NativeStatus.InvalidArgument;
        SecretOptions? options = SecretFlags.ToOptions(flags);
        if (options is null) return NativeStatus.InvalidArgument;
        try
        {
            // A zeroed pooled secret: from a slot the handle table kept at an earlier free, when it has one (made and
            // given its handle under the table's lock alone). Not for random secrets: the handle is public as soon
            // as it exists, and the bytes must be random before anyone can read them.
            if (!random && !options.UsesGuardedTier((int)length) && length <= Secret.MaxPooledLength
                && HandleTable.TryAddRecycledSecret((int)length, out ulong recycled))
            {
                *outHandle = recycled;
                return NativeStatus.Ok;
            }
            // Owned: the handle table holds the secret until nf_secret_free disposes it, so a finalizer could never
            // run while it has a handle; without one, new and free skip finalization registration (Secret.AllocateOwned).
            Secret secret = random ? Secret.CreateRandomOwned((int)length, options) : Secret.AllocateOwned((int)length, options);
            return Publish(secret, outHandle);
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_secret_from_bytes")]
    private static int FromBytes(byte* source, nuint length, uint flags, ulong* outHandle)
    {
        if (source is null || outHandle is null) return NativeStatus.NullPointer;
        if (length - 1 >= Secret.MaxLength) return NativeStatus.InvalidArgument;
        SecretOptions? options = SecretFlags.ToOptions(flags);
        if (options is null) return NativeStatus.InvalidArgument;
        try
        {
            // SAFETY: the caller guarantees source points to length writable bytes (header contract); length was
            // checked against Secret.MaxLength, so the int cast is exact.
            var span = new Span<byte>(source, (int)length);
            Secret secret = Secret.CopyFromOwned(span, options);
            int status = Publish(secret, outHandle);
            // The source is wiped only once the secret exists and has a handle: a failed call changes nothing.
            if (status == NativeStatus.Ok) CryptographicOperations.ZeroMemory(span);
            return status;
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_secret_length")]
    private static int Length(ulong handle, nuint* outLength)
    {
        if (outLength is null) return NativeStatus.NullPointer;
        int status = Lookup(handle, out Secret? secret);
        if (status != NativeStatus.Ok) return status;
        if (secret!.IsDisposed) return StatusMap.From(new ObjectDisposedException(null), handle: handle);
        *outLength = (nuint)secret.Length;
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_secret_read")]
    private static int Read(ulong handle, byte* output, nuint outputLength, nuint* written)
    {
        if (output is null) return NativeStatus.NullPointer;
        int status = Lookup(handle, out Secret? secret);
        if (status != NativeStatus.Ok) return status;
        try
        {
            using SecretReadLease lease = secret!.OpenRead();
            ReadOnlySpan<byte> bytes = lease.Span;
            if (written is not null) *written = (nuint)bytes.Length;
            if (outputLength < (nuint)bytes.Length) return NativeStatus.BufferTooSmall;
            // SAFETY: output holds outputLength >= bytes.Length bytes (caller contract, checked above).
            bytes.CopyTo(new Span<byte>(output, bytes.Length));
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: handle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_secret_write")]
    private static int Write(ulong handle, nuint offset, byte* source, nuint length)
    {
        if (source is null) return NativeStatus.NullPointer;
        int status = Lookup(handle, out Secret? secret);
        if (status != NativeStatus.Ok) return status;
        try
        {
            if (secret!.IsFrozen) return NativeStatus.Frozen;
            using SecretWriteLease lease = secret.OpenWrite();
            Span<byte> bytes = lease.Span;
            if (offset > (nuint)bytes.Length || length > (nuint)bytes.Length - offset) return NativeStatus.InvalidArgument;
            // SAFETY: source holds length bytes (caller contract); offset + length <= secret length (checked above).
            new ReadOnlySpan<byte>(source, (int)length).CopyTo(bytes[(int)offset..]);
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, NativeStatus.Frozen, handle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_secret_with_read")]
    private static int WithRead(ulong handle, delegate* unmanaged<byte*, nuint, void*, int> callback, void* context)
    {
        if (callback is null) return NativeStatus.NullPointer;
        int status = Lookup(handle, out Secret? secret);
        if (status != NativeStatus.Ok) return status;
        try
        {
            using SecretReadLease lease = secret!.OpenRead();
            // SAFETY: the lease keeps the memory mapped and readable until it is disposed after the callback
            // returns; the span is over native memory, so the pointer does not move.
            fixed (byte* p = lease.Span)
            {
                return callback(p, (nuint)lease.Span.Length, context) == 0 ? NativeStatus.Ok : NativeStatus.CallbackFailed;
            }
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: handle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_secret_with_write")]
    private static int WithWrite(ulong handle, delegate* unmanaged<byte*, nuint, void*, int> callback, void* context)
    {
        if (callback is null) return NativeStatus.NullPointer;
        int status = Lookup(handle, out Secret? secret);
        if (status != NativeStatus.Ok) return status;
        try
        {
            if (secret!.IsFrozen) return NativeStatus.Frozen;
            using SecretWriteLease lease = secret.OpenWrite();
            // SAFETY: as in WithRead; the write lease keeps the pages writable until the callback returns.
            fixed (byte* p = lease.Span)
            {
                return callback(p, (nuint)lease.Span.Length, context) == 0 ? NativeStatus.Ok : NativeStatus.CallbackFailed;
            }
        }
        catch (Exception e)
        {
            return StatusMap.From(e, NativeStatus.Frozen, handle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_secret_freeze")]
    private static int Freeze(ulong handle) => SetFrozen(handle, true);

    [UnmanagedCallersOnly(EntryPoint = "nf_secret_melt")]
    private static int Melt(ulong handle) => SetFrozen(handle, false);

    private static int SetFrozen(ulong handle, bool frozen)
    {
        int status = Lookup(handle, out Secret? secret);
        if (status != NativeStatus.Ok) return status;
        try
        {
            if (frozen) secret!.Freeze();
            else secret!.Melt();
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, NativeStatus.Busy, handle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_secret_is_frozen")]
    private static int IsFrozen(ulong handle, int* outFrozen)
    {
        if (outFrozen is null) return NativeStatus.NullPointer;
        int status = Lookup(handle, out Secret? secret);
        if (status != NativeStatus.Ok) return status;
        if (secret!.IsDisposed) return StatusMap.From(new ObjectDisposedException(null), handle: handle);
        *outFrozen = secret.IsFrozen ? 1 : 0;
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_secret_protection")]
    private static int Protection(ulong handle, uint* outProtection, uint* outTier)
    {
        if (outProtection is null || outTier is null) return NativeStatus.NullPointer;
        int status = Lookup(handle, out Secret? secret);
        if (status != NativeStatus.Ok) return status;
        try
        {
            if (secret!.IsDisposed) return StatusMap.From(new ObjectDisposedException(null), handle: handle);
            uint protection = (uint)secret.Protection;
            uint tier = (uint)secret.Tier;
            *outProtection = protection;
            *outTier = tier;
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: handle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_secret_equal")]
    private static int Equal(ulong left, ulong right, int* outEqual)
    {
        if (outEqual is null) return NativeStatus.NullPointer;
        int status = Lookup(left, out Secret? a);
        if (status != NativeStatus.Ok) return status;
        status = Lookup(right, out Secret? b);
        if (status != NativeStatus.Ok) return status;
        try
        {
            // Constant time in the contents; secrets of different lengths are unequal (ConstantTime.AreEqual).
            bool equal = a!.FixedTimeEquals(b!);
            *outEqual = equal ? 1 : 0;
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: left, other: right);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_secret_free")]
    private static int Free(ulong handle)
    {
        if (handle == 0) return NativeStatus.Ok;
        try
        {
            // A pooled secret with no lease open is disposed inside the table's locked section and its slot kept
            // for the next nf_secret_new; any other comes back to be disposed here (if another thread holds a
            // lease, a with_read callback, the wipe waits for it to close).
            int status = HandleTable.RemoveSecret(handle, out Secret? toDispose);
            if (status != NativeStatus.Ok) return status;
            toDispose?.Dispose();
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    internal static int Lookup(ulong handle, out Secret? secret)
    {
        try
        {
            return HandleTable.Get(handle, HandleKind.Secret, out secret);
        }
        catch (Exception e)
        {
            secret = null;
            return StatusMap.From(e);
        }
    }

    /// <summary>Gives <paramref name="secret"/> a handle, or disposes it when the table is full.</summary>
    internal static int Publish(Secret secret, ulong* outHandle)
    {
        int status;
        try
        {
            status = HandleTable.Add(secret, HandleKind.Secret, out ulong handle);
            if (status == NativeStatus.Ok)
            {
                *outHandle = handle;
                return status;
            }
        }
        catch (Exception e)
        {
            status = StatusMap.From(e);
        }
        secret.Dispose();
        return status;
    }
}
