namespace NoFuture.Memory.Probe;

/// <summary>The recognisable content the death scenarios put in their secrets ("NFSECRET" repeated).</summary>
internal static class SecretBytes
{
    internal static void Fill(Span<byte> span)
    {
        ReadOnlySpan<byte> pattern = "NFSECRET"u8;
        for (int i = 0; i < span.Length; i++) span[i] = pattern[i % pattern.Length];
    }
}
