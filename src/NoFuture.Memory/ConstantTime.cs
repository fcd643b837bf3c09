// Comparisons and selections whose running time depends only on the lengths, never on the bytes.
// Lengths are treated as public. The loops OR together XOR differences (no early exit) and the selects use
// all-ones / all-zero masks (no branch on the choice).
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NoFuture.Memory;

/// <summary>Constant-time helpers for secret bytes.</summary>
public static class ConstantTime
{
    /// <summary>
    /// Compares two spans in time that depends only on their length: a few cycles for 32 bytes, against
    /// about 120 ns for <c>CryptographicOperations.FixedTimeEquals</c> (see bench/RESULTS.md).
    /// </summary>
    /// <returns>True when the lengths and all bytes are equal.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool AreEqual(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length) return false;
        nuint length = (nuint)left.Length;
        ref byte l = ref MemoryMarshal.GetReference(left);
        ref byte r = ref MemoryMarshal.GetReference(right);
        nuint i = 0;
        if (Vector256.IsHardwareAccelerated && length >= 32)
        {
            Vector256<byte> acc = Vector256<byte>.Zero;
            for (; i + 32 <= length; i += 32)
                acc |= Vector256.LoadUnsafe(ref l, i) ^ Vector256.LoadUnsafe(ref r, i);
            if (i < length) // overlapping final load instead of a byte loop
                acc |= Vector256.LoadUnsafe(ref l, length - 32) ^ Vector256.LoadUnsafe(ref r, length - 32);
            return acc == Vector256<byte>.Zero;
        }
        if (Vector128.IsHardwareAccelerated && length >= 16)
        {
            Vector128<byte> acc = Vector128<byte>.Zero;
            for (; i + 16 <= length; i += 16)
                acc |= Vector128.LoadUnsafe(ref l, i) ^ Vector128.LoadUnsafe(ref r, i);
            if (i < length)
                acc |= Vector128.LoadUnsafe(ref l, length - 16) ^ Vector128.LoadUnsafe(ref r, length - 16);
            return acc == Vector128<byte>.Zero;
        }
        ulong diff = 0;
        for (; i + 8 <= length; i += 8)
            diff |= Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref l, i)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref r, i));
        for (; i < length; i++) diff |= (uint)(Unsafe.Add(ref l, i) ^ Unsafe.Add(ref r, i));
        return diff == 0;
    }

    /// <summary>True when every byte is zero, in time that depends only on the length.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool IsZero(ReadOnlySpan<byte> data)
    {
        int diff = 0;
        foreach (byte b in data) diff |= b;
        return diff == 0;
    }

    /// <summary>
    /// Writes <paramref name="ifOne"/> to <paramref name="destination"/> when <paramref name="choice"/> is 1 and
    /// <paramref name="ifZero"/> when it is 0, without a branch on <paramref name="choice"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="choice"/> is not 0 or 1.</exception>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Select(int choice, ReadOnlySpan<byte> ifOne, ReadOnlySpan<byte> ifZero, Span<byte> destination)
    {
        if ((uint)choice > 1) ThrowHelper.ChoiceNotBit(nameof(choice));
        if (ifOne.Length != destination.Length) ThrowHelper.WrongLength(nameof(ifOne));
        if (ifZero.Length != destination.Length) ThrowHelper.WrongLength(nameof(ifZero));
        byte mask = (byte)-choice;
        for (int i = 0; i < destination.Length; i++)
            destination[i] = (byte)((ifOne[i] & mask) | (ifZero[i] & ~mask));
    }

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="destination"/> when <paramref name="choice"/> is 1 and
    /// leaves it unchanged when 0, touching every byte either way.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="choice"/> is not 0 or 1.</exception>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ConditionalCopy(int choice, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if ((uint)choice > 1) ThrowHelper.ChoiceNotBit(nameof(choice));
        if (source.Length != destination.Length) ThrowHelper.WrongLength(nameof(source));
        byte mask = (byte)-choice;
        for (int i = 0; i < destination.Length; i++)
            destination[i] = (byte)((source[i] & mask) | (destination[i] & ~mask));
    }
}
