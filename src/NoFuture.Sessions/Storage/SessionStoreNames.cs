// Record names become file names (FileSessionStore), so they are restricted to a portable set with no path
// separators and no leading dot (our temporary and header files start with a dot).
namespace NoFuture.Sessions;

/// <summary>The rule for record names in an <see cref="ISessionStore"/>: 1 to 200 characters from letters, digits,
/// '.', '_' and '-', not starting with '.'.</summary>
public static class SessionStoreNames
{
    /// <summary>The longest name accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>Whether <paramref name="name"/> is a valid record name.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name[0] == '.') return false;
        foreach (char c in name)
        {
            bool ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-';
            if (!ok) return false;
        }
        return true;
    }

    internal static void Check(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!IsValid(name)) SessionStoreThrowHelper.InvalidName(parameterName);
    }
}
