using System.Text.Json.Nodes;
using Greenlight.JsonPath;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.JsonPath;

/// <summary>The examples of RFC 9535 (the bookstore of section 1.5, slices of 2.3.4, filters of 2.3.5), plus the forms Newtonsoft accepted.</summary>
public class JsonPathQueryTests
{
    private const string Bookstore = """
        { "store": {
            "book": [
              { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 },
              { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 },
              { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 },
              { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99 }
            ],
            "bicycle": { "color": "red", "price": 399 }
          }
        }
        """;

    private const string FilterDocument = """
        { "a": [3, 5, 1, 2, 4, 6, {"b": "j"}, {"b": "k"}, {"b": {}}, {"b": "kilo"}],
          "o": {"p": 1, "q": 2, "r": 3, "s": 5, "t": {"u": 6}},
          "e": "f" }
        """;

    private static string Select(string document, string path) =>
        new JsonArray([.. JsonPathQuery.Parse(path).Select(JsonNode.Parse(document)).Select(n => n?.DeepClone())]).ToJsonString();

    [Theory]
    [InlineData("$.store.book[*].author", """["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]""")]
    [InlineData("$..author", """["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]""")]
    [InlineData("$.store..price", "[8.95,12.99,8.99,22.99,399]")]
    [InlineData("$..book[2].title", """["Moby Dick"]""")]
    [InlineData("$..book[-1].title", """["The Lord of the Rings"]""")]
    [InlineData("$..book[0,1].title", """["Sayings of the Century","Sword of Honour"]""")]
    [InlineData("$..book[:2].title", """["Sayings of the Century","Sword of Honour"]""")]
    [InlineData("$..book[?@.isbn].title", """["Moby Dick","The Lord of the Rings"]""")]
    [InlineData("$..book[?@.price<10].title", """["Sayings of the Century","Moby Dick"]""")]
    [InlineData("$.store.book[?(@.author == 'Herman Melville')].price", "[8.99]")]
    [InlineData("$['store']['bicycle'][\"color\"]", """["red"]""")]
    [InlineData("$.store.bicycle.*", """["red",399]""")]
    [InlineData("store.bicycle.color", """["red"]""")]
    [InlineData("$.store.missing", "[]")]
    [InlineData("$.store.book.title", "[]")]
    [InlineData("$.store.book[4]", "[]")]
    public void Select_Bookstore_MatchesRfc(string path, string expected) => Select(Bookstore, path).ShouldBe(expected);

    [Fact]
    public void Select_AllDescendants_CountsEveryMemberAndElement() =>
        JsonPathQuery.Parse("$..*").Select(JsonNode.Parse(Bookstore)).Count.ShouldBe(27);

    [Theory]
    [InlineData("$[1:3]", """["b","c"]""")]
    [InlineData("$[5:]", """["f","g"]""")]
    [InlineData("$[1:5:2]", """["b","d"]""")]
    [InlineData("$[5:1:-2]", """["f","d"]""")]
    [InlineData("$[::-1]", """["g","f","e","d","c","b","a"]""")]
    [InlineData("$[-2:]", """["f","g"]""")]
    [InlineData("$[0:7:0]", "[]")]
    [InlineData("$[0, -1, 0]", """["a","g","a"]""")]
    public void Select_Slice_MatchesRfc(string path, string expected) => Select("""["a","b","c","d","e","f","g"]""", path).ShouldBe(expected);

    [Theory]
    [InlineData("$.a[?@.b == 'kilo']", """[{"b":"kilo"}]""")]
    [InlineData("$.a[?(@.b == 'kilo')]", """[{"b":"kilo"}]""")]
    [InlineData("$.a[?@>3.5]", "[5,4,6]")]
    [InlineData("$.a[?@.b]", """[{"b":"j"},{"b":"k"},{"b":{}},{"b":"kilo"}]""")]
    [InlineData("$.a[?!@.b]", "[3,5,1,2,4,6]")]
    [InlineData("$.o[?@<3, ?@<3]", "[1,2,1,2]")]
    [InlineData("$.a[?@<2 || @.b == \"k\"]", """[1,{"b":"k"}]""")]
    [InlineData("$.a[?@.b == $.x]", "[3,5,1,2,4,6]")]
    [InlineData("$.o[?@>1 && @<4]", "[2,3]")]
    [InlineData("$.o[?@.u || @.x]", """[{"u":6}]""")]
    [InlineData("$.a[?(@ >= 5 && (@ != 6))]", "[5]")]
    [InlineData("$.a[?@.b > 'j']", """[{"b":"k"},{"b":"kilo"}]""")]
    [InlineData("$.a[?@ == true]", "[]")]
    [InlineData("$[?@ == 'f']", """["f"]""")]
    public void Select_Filter_MatchesRfc(string path, string expected) => Select(FilterDocument, path).ShouldBe(expected);

    [Fact]
    public void Select_Filter_ComparesNumbersByValue() =>
        Select("""[1, 1.0, "1", 10e-1, 2]""", "$[?@ == 1]").ShouldBe("[1,1.0,10e-1]");

    [Fact]
    public void Select_BigNumber_KeepsItsText() =>
        Select("""{"n": 123456789012345678901234567890}""", "$.n").ShouldBe("[123456789012345678901234567890]");

    [Fact]
    public void Select_NullMember_IsSelected()
    {
        var matches = JsonPathQuery.Parse("$.v").Select(JsonNode.Parse("""{"v": null}"""));
        matches.Count.ShouldBe(1);
        matches[0].ShouldBeNull();
        JsonPathQuery.Parse("$.v").Select(JsonNode.Parse("""{"w": null}""")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("$.a[", "unclosed '['")]
    [InlineData("$.a[?(@.b ==)]", "expected a path (@ or $) or a literal")]
    [InlineData("$.a[?(@.b == 'x']", "expected ')'")]
    [InlineData("$.a['x]", "unclosed string")]
    [InlineData("$.", "expected a member name")]
    [InlineData("$.a b", "expected '.' or '[' but found ' '")]
    [InlineData("$.a[?(1)]", "a literal alone is not a test")]
    public void Parse_Invalid_SaysWhatAndWhere(string path, string message) =>
        Should.Throw<JsonPathException>(() => JsonPathQuery.Parse(path)).Message.ShouldContain(message);
}
