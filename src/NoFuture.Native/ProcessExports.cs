// nf_version, nf_strerror and the process-wide functions over NoFuture.Memory.SecureMemory (include/nofuture.h).
using System.Runtime.InteropServices;
using NoFuture.Memory;

namespace NoFuture.Native;

internal static unsafe class ProcessExports
{
    // 0x00MMmmpp: major, minor, patch. Bumped with include/nofuture.h's NF_VERSION.
    private const uint Version = 0x00_00_03_00;

    [UnmanagedCallersOnly(EntryPoint = "nf_version")]
    private static int GetVersion(uint* outVersion)
    {
        if (outVersion is null) return NativeStatus.NullPointer;
        *outVersion = Version;
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_strerror")]
    private static byte* StrError(int code) => NativeStatus.Describe(code);

    [UnmanagedCallersOnly(EntryPoint = "nf_capabilities")]
    private static int Capabilities(NativeCapabilities* output)
    {
        if (output is null) return NativeStatus.NullPointer;
        if (output->Size < (uint)sizeof(NativeCapabilities)) return NativeStatus.InvalidArgument;
        try
        {
            MemoryCapabilities caps = SecureMemory.Capabilities;
            uint flags = (caps.CanLockBeyondLimit ? NativeCapabilities.CanLockBeyondLimit : 0)
                | (caps.DontDump ? NativeCapabilities.DontDump : 0)
                | (caps.MemfdSecret ? NativeCapabilities.MemfdSecret : 0)
                | (caps.StrictPolicyCanHold ? NativeCapabilities.StrictPolicyCanHold : 0);
            // Everything is read above; nothing below can fail, so the struct is never left half-written.
            // Only the version-1 bytes are written: a larger (newer) caller struct keeps its tail as it was.
            output->Size = (uint)sizeof(NativeCapabilities);
            output->Flags = flags;
            output->PageSize = caps.PageSize;
            output->GuardMechanism = (int)caps.GuardMechanism;
            output->ForkProtection = (int)caps.ForkProtection;
            output->Policy = (int)caps.Policy;
            output->MemlockLimitBytes = caps.MemlockLimitBytes;
            output->LockedBytes = caps.LockedBytes;
            output->LockableBytesRemaining = caps.LockableBytesRemaining;
            output->LiveGuardedSecrets = caps.LiveGuardedSecrets;
            output->LivePooledSecrets = caps.LivePooledSecrets;
            output->PooledSlots = caps.PooledSlots;
            output->Refusals = caps.Refusals;
            // The OS description, printable ASCII (others become '?'), truncated, always NUL-terminated.
            string name = caps.Platform;
            int length = Math.Min(name.Length, NativeCapabilities.PlatformLength - 1);
            for (int i = 0; i < NativeCapabilities.PlatformLength; i++)
                output->Platform[i] = i >= length ? (byte)0 : name[i] is >= ' ' and <= '~' ? (byte)name[i] : (byte)'?';
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_purge")]
    private static int Purge()
    {
        try
        {
            SecureMemory.Purge();
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_policy_get")]
    private static int PolicyGet(int* outPolicy)
    {
        if (outPolicy is null) return NativeStatus.NullPointer;
        *outPolicy = (int)SecureMemory.Policy;
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_policy_set")]
    private static int PolicySet(int policy)
    {
        if (policy is not ((int)ProtectionPolicy.Strict or (int)ProtectionPolicy.BestEffort)) return NativeStatus.InvalidArgument;
        try
        {
            SecureMemory.Policy = (ProtectionPolicy)policy;
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_lock_all_memory")]
    private static int LockAllMemory()
    {
        try
        {
            SecureMemory.LockAllMemory();
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, NativeStatus.Refused);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_harden_process")]
    private static int HardenProcess()
    {
        try
        {
            SecureMemory.HardenProcess();
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, NativeStatus.Refused);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_catch_interrupt")]
    private static int CatchInterrupt(delegate* unmanaged<int, void*, void> onPurged, void* context, ulong* outHandle)
    {
        if (outHandle is null) return NativeStatus.NullPointer;
        try
        {
            nint function = (nint)onPurged, state = (nint)context;
            Action<PosixSignal>? callback = function == 0 ? null : signal =>
                ((delegate* unmanaged<int, void*, void>)function)(SignalNumber(signal), (void*)state);
            IDisposable guard = SecureMemory.CatchInterrupt(callback);
            int status = HandleTable.Add(guard, HandleKind.InterruptGuard, out ulong handle);
            if (status != NativeStatus.Ok)
            {
                guard.Dispose();
                return status;
            }
            *outHandle = handle;
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_interrupt_free")]
    private static int InterruptFree(ulong handle)
    {
        if (handle == 0) return NativeStatus.Ok;
        try
        {
            int status = HandleTable.Remove(handle, HandleKind.InterruptGuard, out IDisposable? guard);
            if (status == NativeStatus.Ok) guard!.Dispose();
            return status;
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    // PosixSignal's members are negative, platform-neutral values; C callers expect the Linux signal numbers.
    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => (int)signal,
    };
}
