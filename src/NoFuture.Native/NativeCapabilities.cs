using System.Runtime.InteropServices;

namespace NoFuture.Native;

/// <summary>The C struct nf_caps (include/nofuture.h), version 1: 112 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeCapabilities
{
    internal const uint CanLockBeyondLimit = 1;
    internal const uint DontDump = 2;
    internal const uint MemfdSecret = 4;
    internal const uint StrictPolicyCanHold = 8;
    internal const int PlatformLength = 32;

    internal uint Size;
    internal uint Flags;
    internal int PageSize;
    internal int GuardMechanism;
    internal int ForkProtection;
    internal int Policy;
    internal long MemlockLimitBytes;
    internal long LockedBytes;
    internal long LockableBytesRemaining;
    internal long LiveGuardedSecrets;
    internal long LivePooledSecrets;
    internal long PooledSlots;
    internal long Refusals;
    internal fixed byte Platform[PlatformLength];
}
