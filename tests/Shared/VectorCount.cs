// How many cases a vector file holds, counted from the file itself and apart from the code that runs them, so a
// vector test asserts "every case in the file ran" without a hard-coded count: a newer file with more (or fewer)
// cases drops in, and a runner that silently skips cases, or a file that parses to nothing, still fails.
// Linked into every test project.
using System.Text.Json;

namespace NoFuture.Tests.Shared;

internal static class VectorCount
{
    /// <summary>
    /// The cases of a Wycheproof file (testGroups[*].tests[*]) that satisfy <paramref name="where"/> (all when null).
    /// The file's own header, numberOfTests, must match the entries: a truncated file is caught here.
    /// </summary>
    internal static int Wycheproof(JsonElement root, Func<JsonElement, JsonElement, bool>? where = null)
    {
        int all = 0, matching = 0;
        foreach (JsonElement group in root.GetProperty("testGroups").EnumerateArray())
        {
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                all++;
                if (where is null || where(group, test)) matching++;
            }
        }
        if (root.TryGetProperty("numberOfTests", out JsonElement header))
            Xunit.Assert.True(header.GetInt32() == all, $"the file says numberOfTests = {header.GetInt32()} but holds {all} tests");
        return matching;
    }

    /// <summary>The cases of a Wycheproof file whose "result" is <paramref name="result"/>.</summary>
    internal static int WycheproofResult(JsonElement root, string result) =>
        Wycheproof(root, (_, test) => test.GetProperty("result").GetString() == result);

    /// <summary>Every case counted in the file ran (or was accounted for), and the file held at least one.</summary>
    internal static void AllRan(int ran, int inFile, string what)
    {
        Xunit.Assert.True(inFile > 0, $"{what}: the file holds no case");
        Xunit.Assert.True(ran == inFile, $"{what}: {ran} cases ran, the file holds {inFile}");
    }
}
