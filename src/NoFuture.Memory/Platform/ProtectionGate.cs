// Applies the refusal policy in one place: Strict throws with the numbers, BestEffort reports and continues.
namespace NoFuture.Memory.Platform;

internal static class ProtectionGate
{
    internal static void Refuse(SecretProtection protection, long requested, long available, int error, ProtectionPolicy policy)
    {
        if (policy == ProtectionPolicy.Strict)
            ThrowHelper.Refused(protection, requested, available, error);
        MemoryMetrics.RecordRefusal(protection);
        SecureMemory.RaiseDegraded(new ProtectionDegradedEventArgs(protection, requested, available, error));
    }
}
