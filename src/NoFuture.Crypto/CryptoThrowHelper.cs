// Every exception message of NoFuture.Crypto is built here, so none carries key bytes or secret lengths.
using System.Diagnostics.CodeAnalysis;

namespace NoFuture.Crypto;

internal static class CryptoThrowHelper
{
    [DoesNotReturn]
    internal static void WrongSize(string paramName, int expected) =>
        throw new ArgumentException($"The buffer must be exactly {expected} bytes.", paramName);

    [DoesNotReturn]
    internal static void TooSmall(string paramName, int needed) =>
        throw new ArgumentException($"The buffer must be at least {needed} bytes.", paramName);

    [DoesNotReturn]
    internal static void Overlap(string paramName) =>
        throw new ArgumentException("The buffer overlaps another argument.", paramName);
}
