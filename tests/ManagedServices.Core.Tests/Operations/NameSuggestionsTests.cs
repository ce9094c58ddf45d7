using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Operations;

namespace ManagedServices.Tests.Operations;

/// <summary>"Did you mean" for the names a tool knows (<see cref="NameSuggestions.Closest"/>), on the one edit distance.</summary>
public sealed class NameSuggestionsTests
{
    private static readonly string[] Commands = ["validate", "convert", "diff", "roles", "who-can", "what-can", "check", "prove", "report", "advise", "--format", "--delegable", "--catalog", "-o"];

    [Theory]
    [InlineData("valdate", "validate", 1)]
    [InlineData("validate", "validate", 0)]
    [InlineData("VALIDATE", "validate", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("rolse", "roles", 1)]
    [InlineData("ab", "ba", 1)]
    [InlineData("abc", "ca", 3)]
    [InlineData("", "abc", 3)]
    public void EditDistance_CountsEditsAndSwaps(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Bounded(a, b, 100, new int[EditDistance.ScratchLength(a.Length)]));

    [Theory]
    [InlineData("valdiate", "validate")]
    [InlineData("--delegabel", "--delegable")]
    [InlineData("--catalgo", "--catalog")]
    [InlineData("rpeort", "report")]
    [InlineData("who", "who-can")]
    [InlineData("--form", "--format")]
    public void Closest_ATypo_SuggestsTheName(string typed, string expected) =>
        Assert.Equal(expected, NameSuggestions.Closest(typed, Commands).First());

    [Theory]
    [InlineData("zzzzzzzz")]
    [InlineData("--zzzzzzzz")]
    [InlineData("di")]
    [InlineData("-o")]
    [InlineData("")]
    public void Closest_FarOrShortWords_SuggestNothing(string typed) => Assert.Empty(NameSuggestions.Closest(typed, Commands));

    [Fact]
    public void Closest_PrefixesComeFirst_ThenByDistance_AtMostThree()
    {
        Assert.Equal(["what-can", "who-can"], NameSuggestions.Closest("wha-can", ["who-can", "what-can"]).ToArray());
        Assert.Equal("check-all", NameSuggestions.Closest("check", ["chuck", "check-all"])[0]);
        Assert.Equal(3, NameSuggestions.Closest("abcd", ["abce", "abcf", "abcg", "abch"]).Length);
    }

    /// <summary>
    /// On words of few letters (so swaps, repeats and near misses are common), the bounded distance agrees with the
    /// optimal string alignment distance written from its definition, up to the bound.
    /// </summary>
    [Property(MaxTest = 1000)]
    public Property EditDistance_OnWordsOfFewLetters_AgreesWithTheDefinition() => Prop.ForAll(
        Word().ToArbitrary(),
        Word().ToArbitrary(),
        Gen.Choose(0, 6).ToArbitrary(),
        static (a, b, limit) => EditDistance.Bounded(a, b, limit, new int[EditDistance.ScratchLength(a.Length)]) ==
                                Math.Min(OperationCatalogTests.OptimalStringAlignment(a.ToLowerInvariant(), b.ToLowerInvariant()), limit + 1));

    /// <summary>Swapping two neighbouring letters of a word costs one edit.</summary>
    [Property(MaxTest = 300)]
    public Property EditDistance_ASwap_CostsOne() => Prop.ForAll(
        Word().Where(static w => w.Length >= 2).ToArbitrary(),
        Gen.Choose(0, 100).ToArbitrary(),
        static (word, at) =>
        {
            var i = at % (word.Length - 1);
            var chars = word.ToCharArray();
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
            var swapped = new string(chars);
            var expected = string.Equals(word, swapped, StringComparison.OrdinalIgnoreCase) ? 0 : 1;
            return EditDistance.Bounded(word, swapped, 3, new int[EditDistance.ScratchLength(word.Length)]) == expected;
        });

    private static Gen<string> Word() => Gen.Elements('a', 'b', 'c', 'B').ArrayOf().Select(static c => new string([.. c.Take(9)]));

    /// <summary>Every suggestion is within the budget (a third of the word, at least 1) or starts with the word.</summary>
    [Property(MaxTest = 300)]
    public Property Closest_EverySuggestion_IsCloseOrAPrefix() => Prop.ForAll(
        Gen.Elements("a", "b", "c", "-").ArrayOf().Select(static c => string.Concat(c.Take(8))).ToArbitrary(),
        Gen.Elements("a", "b", "c").ArrayOf().Select(static c => string.Concat(c.Take(8))).ArrayOf().ToArbitrary(),
        static (typed, candidates) => NameSuggestions.Closest(typed, candidates).All(c =>
        {
            var word = typed.TrimStart('-');
            var name = c.TrimStart('-');
            return name.StartsWith(word, StringComparison.OrdinalIgnoreCase) ||
                   OperationCatalogTests.OptimalStringAlignment(word.ToLowerInvariant(), name.ToLowerInvariant()) <= Math.Max(1, word.Length / 3);
        }));
}
