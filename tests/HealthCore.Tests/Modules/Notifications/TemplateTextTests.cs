using System.Text.Json;
using HealthCore.Modules.Notifications;

namespace HealthCore.Tests.Modules.Notifications;

public sealed class TemplateTextTests
{
    private static readonly JsonElement Payload = JsonDocument.Parse("""
        {
          "patient": { "name": "<b>Ann</b> & \"Bo\"", "age": 42, "consented": true, "nickname": null, "address": { "city": "Bern" } },
          "trick": "{{patient.age}}",
          "multiline": "one\r\ntwo\u0085three"
        }
        """).RootElement;

    [Fact]
    public void Plain_rendering_inserts_values_as_they_are_and_numbers_and_booleans_as_written()
    {
        var problems = new Dictionary<string, string>();

        var text = TemplateText.Render("{{ patient.name }} is {{patient.age}} ({{patient.consented}}) in {{patient.address.city}}", Payload, TemplateText.ValueEncoding.Plain, problems);

        text.ShouldBe("<b>Ann</b> & \"Bo\" is 42 (true) in Bern");
        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Html_rendering_escapes_values_but_not_the_template_itself()
    {
        var text = TemplateText.Render("<p>{{patient.name}}</p>", Payload, TemplateText.ValueEncoding.Html, new Dictionary<string, string>());

        text.ShouldBe("<p>&lt;b&gt;Ann&lt;/b&gt; &amp; &quot;Bo&quot;</p>");
    }

    [Fact]
    public void A_value_that_looks_like_a_placeholder_is_inserted_literally_not_evaluated()
    {
        var text = TemplateText.Render("{{trick}}", Payload, TemplateText.ValueEncoding.Plain, new Dictionary<string, string>());

        text.ShouldBe("{{patient.age}}");
    }

    [Fact]
    public void Header_line_rendering_turns_every_line_break_and_control_character_into_a_space()
    {
        var text = TemplateText.Render("Re: {{multiline}}", Payload, TemplateText.ValueEncoding.HeaderLine, new Dictionary<string, string>());

        text.ShouldBe("Re: one  two three");
    }

    [Fact]
    public void Missing_null_and_non_scalar_values_are_reported_by_path()
    {
        var problems = new Dictionary<string, string>();

        TemplateText.Render("{{patient.nickname}} {{patient.address}} {{patient.name.first}} {{nobody}}", Payload, TemplateText.ValueEncoding.Plain, problems);

        problems.Keys.Order().ShouldBe(["nobody", "patient.address", "patient.name.first", "patient.nickname"]);
    }

    [Theory]
    [InlineData("Hello {{name}")]
    [InlineData("Hello name}}")]
    [InlineData("{{ a + b }}")]
    [InlineData("{{a[0]}}")]
    [InlineData("{{#each items}}")]
    [InlineData("{{}}")]
    public void Anything_but_a_dotted_name_between_double_braces_is_malformed(string template)
    {
        TemplateText.Check(template).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("No placeholders at all, { single braces } are fine")]
    [InlineData("{{a}}{{b.c_d}} and {{ spaced.out }}")]
    public void Well_formed_templates_pass_the_check(string template)
    {
        TemplateText.Check(template).ShouldBeNull();
    }
}
