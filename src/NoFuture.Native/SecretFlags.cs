using NoFuture.Memory;

namespace NoFuture.Native;

/// <summary>The NF_SECRET_* creation flags of include/nofuture.h.</summary>
internal static class SecretFlags
{
    internal const uint Guarded = 1;
    internal const uint Pooled = 2;
    internal const uint NoAccessAtRest = 4;
    internal const uint Strict = 8;
    internal const uint BestEffort = 16;
    private const uint All = Guarded | Pooled | NoAccessAtRest | Strict | BestEffort;

    private static readonly SecretOptions[] s_options = Build();

    /// <summary>The options for <paramref name="flags"/>, or null when the flags are invalid (unknown or contradictory bits).</summary>
    internal static SecretOptions? ToOptions(uint flags)
    {
        if ((flags & ~All) != 0) return null;
        if ((flags & (Guarded | Pooled)) == (Guarded | Pooled)) return null;
        if ((flags & (Strict | BestEffort)) == (Strict | BestEffort)) return null;
        return s_options[flags];
    }

    private static SecretOptions[] Build()
    {
        var options = new SecretOptions[All + 1];
        for (uint f = 0; f <= All; f++)
        {
            options[f] = new SecretOptions
            {
                Tier = (f & Guarded) != 0 ? SecretTier.Guarded : (f & Pooled) != 0 ? SecretTier.Pooled : SecretTier.Auto,
                NoAccessAtRest = (f & NoAccessAtRest) != 0,
                Policy = (f & Strict) != 0 ? ProtectionPolicy.Strict : (f & BestEffort) != 0 ? ProtectionPolicy.BestEffort : null,
            };
        }
        return options;
    }
}
