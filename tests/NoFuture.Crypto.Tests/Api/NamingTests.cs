// docs/conventions.md, "Namespaces": every public type of an assembly is in its one public namespace, and no public type's
// name differs from a BCL type's only in letter case (MLKem / MlKem was such a pair). Read from the compiled assemblies,
// so a new type is checked without editing this file.
using System.Reflection;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Api;

public class NamingTests
{
    private static readonly Assembly[] Ours = [typeof(MlKemKey).Assembly, typeof(Secret).Assembly];

    [Fact]
    public void EveryPublicTypeIsInItsAssemblysOneNamespace()
    {
        foreach (Assembly assembly in Ours)
        {
            string expected = assembly.GetName().Name!;
            Type[] types = assembly.GetExportedTypes();
            Assert.NotEmpty(types);
            Assert.All(types, t => Assert.Equal(expected, t.Namespace));
        }
    }

    [Fact]
    public void NoPublicTypeDiffersFromABclTypeOnlyInCase()
    {
        // The BCL assemblies a NoFuture user has open next to ours: the core library and the cryptography assembly.
        var bcl = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Assembly assembly in new[] { typeof(object).Assembly, typeof(System.Security.Cryptography.Aes).Assembly })
            foreach (Type t in assembly.GetExportedTypes())
                bcl.TryAdd(t.Name, t.FullName!);
        Assert.True(bcl.Count > 1000);

        var clashes = new List<string>();
        foreach (Assembly assembly in Ours)
            foreach (Type t in assembly.GetExportedTypes())
                if (bcl.TryGetValue(t.Name, out string? other) && !string.Equals(other[(other.LastIndexOf('.') + 1)..], t.Name, StringComparison.Ordinal))
                    clashes.Add($"{t.FullName} vs {other}");
        Assert.True(clashes.Count == 0, string.Join('\n', clashes));
    }
}
