// The status codes of the C ABI. They are part of the ABI (include/nofuture.h, docs/native.md): a code, once
// shipped, keeps its number and meaning.
namespace NoFuture.Native;

internal static class NativeStatus
{
    internal const int Ok = 0;
    internal const int NullPointer = -1;
    internal const int InvalidArgument = -2;
    internal const int BufferTooSmall = -3;
    internal const int BadHandle = -4;
    internal const int WrongHandleType = -5;
    internal const int Purged = -6;
    internal const int Frozen = -7;
    internal const int Busy = -8;
    internal const int Refused = -9;
    internal const int Tampered = -10;
    internal const int OutOfMemory = -11;
    internal const int TooManyHandles = -12;
    internal const int CallbackFailed = -13;
    internal const int Unsupported = -14;
    internal const int Internal = -15;
    internal const int NoPrivateKey = -16;
    internal const int Rejected = -17;
    internal const int LimitExceeded = -18;

    /// <summary>A NUL-terminated, static, ASCII description of <paramref name="code"/>.</summary>
    internal static unsafe byte* Describe(int code)
    {
        // SAFETY: u8 literals live in the image's read-only data for the life of the process; the pointer never
        // moves (it is not a GC object) and the explicit "\0" makes each a C string.
        ReadOnlySpan<byte> text = code switch
        {
            Ok => "ok\0"u8,
            NullPointer => "a required pointer argument is NULL\0"u8,
            InvalidArgument => "an argument is out of range (length, offset, flags, struct size or enum value)\0"u8,
            BufferTooSmall => "the output buffer is too small; nothing was written\0"u8,
            BadHandle => "the handle is 0, was never issued, or was already freed\0"u8,
            WrongHandleType => "the handle is of another type\0"u8,
            Purged => "the secret or enclave was wiped by nf_purge; free its handle\0"u8,
            Frozen => "the secret is frozen (read-only); call nf_secret_melt first\0"u8,
            Busy => "the object is in use in a way that forbids this (e.g. freeze during a write)\0"u8,
            Refused => "the operating system refused a protection under the strict policy\0"u8,
            Tampered => "the enclave failed authentication: its sealed bytes were altered\0"u8,
            OutOfMemory => "out of memory\0"u8,
            TooManyHandles => "the handle table is full\0"u8,
            CallbackFailed => "the callback returned a non-zero value\0"u8,
            Unsupported => "not supported on this platform\0"u8,
            Internal => "internal error\0"u8,
            NoPrivateKey => "the key has no private part (it was imported from its public key)\0"u8,
            Rejected => "untrusted input failed a check (a public key, ciphertext, encapsulated key or PHC string)\0"u8,
            LimitExceeded => "the input asks for more memory or work than the limits allow (an Argon2 PHC string)\0"u8,
            _ => "unknown status code\0"u8,
        };
        fixed (byte* p = text)
        {
            return p;
        }
    }
}
