// Dispatch of ML-DSA's polynomial operations to the chosen path (MlDsaPath): the scalar code (Field, Ntt,
// Rounding), or PolyVector128 / PolyVector256, which equal it value for value. The path is public configuration,
// never secret. Each composite operation names the FIPS 204 steps it computes.
using System.Runtime.CompilerServices;

namespace NoFuture.Crypto.MlDsa.Simd;

internal static class PolyOps
{
    private const int N = MlDsaParameters.N;

    /// <summary>Ntt.Forward (Algorithm 41).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Forward(MlDsaPath path, Span<int> w)
    {
        if (path == MlDsaPath.Vector256) PolyVector256.Forward(w);
        else if (path == MlDsaPath.Vector128) PolyVector128.Forward(w);
        else Ntt.Forward(w);
    }

    /// <summary>Ntt.InverseFromMontgomery (Algorithm 42 with one Montgomery factor removed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void InverseFromMontgomery(MlDsaPath path, Span<int> w)
    {
        if (path == MlDsaPath.Vector256) PolyVector256.InverseFromMontgomery(w);
        else if (path == MlDsaPath.Vector128) PolyVector128.InverseFromMontgomery(w);
        else Ntt.InverseFromMontgomery(w);
    }

    /// <summary>f = a o b (Montgomery products).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void PointwiseMontgomery(MlDsaPath path, Span<int> f, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (path == MlDsaPath.Vector256) PolyVector256.PointwiseMontgomery(f, a, b);
        else if (path == MlDsaPath.Vector128) PolyVector128.PointwiseMontgomery(f, a, b);
        else Ntt.PointwiseMontgomery(f, a, b);
    }

    /// <summary>f = sum over j &lt; count of a_j o b_j (Montgomery products), f overwritten.</summary>
    internal static void InnerProduct(MlDsaPath path, Span<int> f, ReadOnlySpan<int> a, ReadOnlySpan<int> b, int count)
    {
        f.Clear();
        for (int j = 0; j < count; j++)
        {
            ReadOnlySpan<int> aj = a.Slice(N * j, N), bj = b.Slice(N * j, N);
            if (path == MlDsaPath.Vector256) PolyVector256.PointwiseMontgomeryAccumulate(f, aj, bj);
            else if (path == MlDsaPath.Vector128) PolyVector128.PointwiseMontgomeryAccumulate(f, aj, bj);
            else Ntt.PointwiseMontgomeryAccumulate(f, aj, bj);
        }
    }

    /// <summary>f -= a o b (Montgomery products).</summary>
    internal static void PointwiseMontgomerySubtract(MlDsaPath path, Span<int> f, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (path == MlDsaPath.Vector256) PolyVector256.PointwiseMontgomerySubtract(f, a, b);
        else if (path == MlDsaPath.Vector128) PolyVector128.PointwiseMontgomerySubtract(f, a, b);
        else for (int c = 0; c < N; c++) f[c] -= Field.MontgomeryMultiply(a[c], b[c]);
    }

    /// <summary>w = Freeze(w); w1 = HighBits(w) (Algorithm 7, step 13).</summary>
    internal static void FreezeHighBits(MlDsaPath path, Span<int> w, Span<int> w1, int gamma2)
    {
        if (path == MlDsaPath.Vector256) PolyVector256.FreezeHighBits(w, w1, gamma2);
        else if (path == MlDsaPath.Vector128) PolyVector128.FreezeHighBits(w, w1, gamma2);
        else
        {
            Field.Freeze(w);
            for (int c = 0; c < N; c++) w1[c] = Rounding.HighBits(w[c], gamma2);
        }
    }

    /// <summary>z = y + (Freeze(z) mod+- q) (Algorithm 7, step 20).</summary>
    internal static void AddCentered(MlDsaPath path, Span<int> z, ReadOnlySpan<int> y)
    {
        if (path == MlDsaPath.Vector256) PolyVector256.AddCentered(z, y);
        else if (path == MlDsaPath.Vector128) PolyVector128.AddCentered(z, y);
        else for (int c = 0; c < N; c++) z[c] = y[c] + Field.CenterFrozen(Field.Freeze(z[c]));
    }

    /// <summary>f = Freeze(f) mod+- q.</summary>
    internal static void CenterFreeze(MlDsaPath path, Span<int> f)
    {
        if (path == MlDsaPath.Vector256) PolyVector256.CenterFreeze(f);
        else if (path == MlDsaPath.Vector128) PolyVector128.CenterFreeze(f);
        else for (int c = 0; c < f.Length; c++) f[c] = Field.CenterFrozen(Field.Freeze(f[c]));
    }

    /// <summary>Field.ExceedsNorm (every coefficient read, no early exit).</summary>
    internal static int ExceedsNorm(MlDsaPath path, ReadOnlySpan<int> f, int bound)
    {
        if (path == MlDsaPath.Vector256) return PolyVector256.ExceedsNorm(f, bound);
        if (path == MlDsaPath.Vector128) return PolyVector128.ExceedsNorm(f, bound);
        return Field.ExceedsNorm(f, bound);
    }

    /// <summary>r = Freeze(w - r); returns ExceedsNorm(LowBits(r), bound) (Algorithm 7, steps 19, 21, 23).</summary>
    internal static int SubtractFreezeLowBitsExceed(MlDsaPath path, Span<int> r, ReadOnlySpan<int> w, int gamma2, int bound)
    {
        if (path == MlDsaPath.Vector256) return PolyVector256.SubtractFreezeLowBitsExceed(r, w, gamma2, bound);
        if (path == MlDsaPath.Vector128) return PolyVector128.SubtractFreezeLowBitsExceed(r, w, gamma2, bound);
        int any = 0;
        for (int c = 0; c < N; c++)
        {
            r[c] = Field.Freeze(w[c] - r[c]);
            any |= bound - 1 - Field.Abs(Rounding.LowBits(r[c], gamma2));
        }
        return (int)((uint)any >> 31);
    }

    /// <summary>hint = MakeHint(Freeze(r + ct0), r); returns the number of ones (Algorithm 7, step 26).</summary>
    internal static int MakeHints(MlDsaPath path, ReadOnlySpan<int> r, ReadOnlySpan<int> ct0, Span<int> hint, int gamma2)
    {
        if (path == MlDsaPath.Vector256) return PolyVector256.MakeHints(r, ct0, hint, gamma2);
        if (path == MlDsaPath.Vector128) return PolyVector128.MakeHints(r, ct0, hint, gamma2);
        int ones = 0;
        for (int c = 0; c < N; c++)
        {
            int hc = Rounding.MakeHint(Field.Freeze(r[c] + ct0[c]), r[c], gamma2);
            hint[c] = hc;
            ones += hc;
        }
        return ones;
    }

    /// <summary>(t1, t0) = Power2Round(Freeze(t + s2)) (Algorithm 6, steps 5-6).</summary>
    internal static void AddPower2Round(MlDsaPath path, ReadOnlySpan<int> t, ReadOnlySpan<int> s2, Span<int> t1, Span<int> t0)
    {
        if (path == MlDsaPath.Vector256) PolyVector256.AddPower2Round(t, s2, t1, t0);
        else if (path == MlDsaPath.Vector128) PolyVector128.AddPower2Round(t, s2, t1, t0);
        else
        {
            for (int c = 0; c < N; c++)
            {
                t1[c] = Rounding.Power2Round(Field.Freeze(t[c] + s2[c]), out int low);
                t0[c] = low;
            }
        }
    }

    /// <summary>w1 = UseHint(hint, Freeze(a)) (Algorithm 8, step 10; public data).</summary>
    internal static void FreezeUseHints(MlDsaPath path, ReadOnlySpan<int> a, ReadOnlySpan<int> hint, Span<int> w1, int gamma2)
    {
        if (path == MlDsaPath.Vector256) PolyVector256.FreezeUseHints(a, hint, w1, gamma2);
        else if (path == MlDsaPath.Vector128) PolyVector128.FreezeUseHints(a, hint, w1, gamma2);
        else for (int c = 0; c < N; c++) w1[c] = Rounding.UseHint(hint[c], Field.Freeze(a[c]), gamma2);
    }
}
