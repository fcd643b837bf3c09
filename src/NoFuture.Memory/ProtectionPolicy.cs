namespace NoFuture.Memory;

/// <summary>What happens when the operating system refuses a protection NoFuture.Memory asked for.</summary>
public enum ProtectionPolicy
{
    /// <summary>
    /// Throw <see cref="ProtectionRefusedException"/> with the numbers (needed and available bytes, OS error).
    /// Nothing is allocated. The default.
    /// </summary>
    Strict,

    /// <summary>
    /// Allocate without the refused protection, report it in <see cref="Secret.Protection"/>, raise
    /// <see cref="SecureMemory.ProtectionDegraded"/> and count it in the <c>nofuture.memory.refusals</c> metric.
    /// </summary>
    BestEffort,
}
