using System.Text.Json;
using System.Text.Json.Nodes;
using HealthCore.Modules.Clinical;

namespace HealthCore.Tests.Modules.Clinical;

public sealed class FormValidatorTests
{
    [Fact]
    public void A_complete_admission_assessment_is_valid_and_scored()
    {
        var check = Validate(NursingAdmissionForm.Version1, Admission());

        check.Errors.ShouldBeEmpty();
        check.IsValid.ShouldBeTrue();
        check.Scores.Select(s => (s.Key, s.Total, s.Band.Code)).ShouldBe([("morse", 0, "low"), ("braden", 23, "none"), ("must", 0, "low")]);
    }

    [Fact]
    public void A_missing_required_answer_is_reported_by_path()
    {
        var answers = Admission();
        answers.Remove("mobility");
        answers["gait"] = null;

        var check = Validate(NursingAdmissionForm.Version1, answers);

        check.Errors.ShouldBeErrors(("answers.mobility", "Required."), ("answers.gait", "Required."));
        check.Scores.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("mobility", "\"3\"", "Must be a whole number.")]
    [InlineData("mobility", "2.5", "Must be a whole number.")]
    [InlineData("mobility", "true", "Must be a whole number.")]
    [InlineData("gait", "1", "Must be one of: normal, weak, impaired.")]
    [InlineData("lastFallOn", "\"03/12/2026\"", "Must be a date (yyyy-MM-dd).")]
    [InlineData("lastFallOn", "\"2026-02-30\"", "Must be a date (yyyy-MM-dd).")]
    [InlineData("lastFallOn", "\"1850-01-01\"", "The date must be between 1900-01-01 and 2199-12-31.")]
    [InlineData("notes", "42", "Must be a string.")]
    public void A_wrong_type_is_reported_naming_the_rule(string field, string json, string message)
    {
        var answers = Admission();
        answers[field] = JsonNode.Parse(json);

        Validate(NursingAdmissionForm.Version1, answers).Errors.ShouldBeErrors(($"answers.{field}", message));
    }

    [Theory]
    [InlineData("sensoryPerception", 0, "Must be between 1 and 4.")]
    [InlineData("sensoryPerception", 5, "Must be between 1 and 4.")]
    [InlineData("frictionShear", 4, "Must be between 1 and 3.")]
    [InlineData("frictionShear", -1, "Must be between 1 and 3.")]
    public void A_number_out_of_range_is_reported_naming_the_range(string field, int value, string message)
    {
        var answers = Admission();
        answers[field] = value;

        Validate(NursingAdmissionForm.Version1, answers).Errors.ShouldBeErrors(($"answers.{field}", message));
    }

    [Theory]
    [InlineData("moisture", 1), InlineData("moisture", 4), InlineData("frictionShear", 1), InlineData("frictionShear", 3)]
    public void The_edges_of_a_range_are_allowed(string field, int value)
    {
        var answers = Admission();
        answers[field] = value;

        Validate(NursingAdmissionForm.Version1, answers).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void A_choice_not_allowed_is_reported_with_the_allowed_codes()
    {
        var answers = Admission();
        answers["ambulatoryAid"] = "wheelchair";

        Validate(NursingAdmissionForm.Version1, answers).Errors
            .ShouldBeErrors(("answers.ambulatoryAid", "'wheelchair' is not allowed; use one of: none, crutchesCaneWalker, furniture."));
    }

    [Fact]
    public void An_unknown_field_is_reported()
    {
        var answers = Admission();
        answers["shoeSize"] = 42;

        Validate(NursingAdmissionForm.Version1, answers).Errors
            .ShouldBeErrors(("answers.shoeSize", "Unknown field; form nursing.admission version 1 has no field 'shoeSize'."));
    }

    [Fact]
    public void Text_longer_than_allowed_is_reported()
    {
        var answers = Admission();
        answers["notes"] = new string('x', 2001);

        Validate(NursingAdmissionForm.Version1, answers).Errors["answers.notes"].ShouldBe(["Must be at most 2000 characters."]);
    }

    [Fact]
    public void Answers_that_are_not_an_object_are_rejected_as_a_whole()
    {
        using var document = JsonDocument.Parse("[1, 2]");

        FormValidator.Validate(NursingAdmissionForm.Version1, document.RootElement).Errors
            .ShouldBeErrors(("answers", "Must be a JSON object of answers keyed by field."));
    }

    [Fact]
    public void Errors_are_keyed_under_the_path_the_caller_names()
    {
        var answers = Admission();
        answers.Remove("moisture");

        Validate(NursingAdmissionForm.Version1, answers, "assessment.answers").Errors.Keys.ShouldBe(["assessment.answers.moisture"]);
    }

    [Fact]
    public void Braden_bands_are_the_published_ones_at_every_edge()
    {
        int[] totals = [6, 9, 10, 12, 13, 14, 15, 18, 19, 23];
        string[] bands = ["veryHigh", "veryHigh", "high", "high", "moderate", "moderate", "mild", "mild", "none", "none"];

        totals.Select(total => BradenBand(total)).ShouldBe(bands);
    }

    [Theory]
    [InlineData("no", "no", "none", "no", "normal", "oriented", 0, "low")]
    [InlineData("no", "no", "none", "no", "weak", "forgetsLimitations", 25, "moderate")]
    [InlineData("yes", "no", "none", "no", "normal", "oriented", 25, "moderate")]
    [InlineData("no", "yes", "furniture", "no", "normal", "oriented", 45, "high")]
    [InlineData("no", "yes", "crutchesCaneWalker", "no", "weak", "oriented", 40, "moderate")]
    [InlineData("yes", "yes", "crutchesCaneWalker", "yes", "impaired", "oriented", 95, "high")]
    [InlineData("yes", "yes", "furniture", "yes", "impaired", "forgetsLimitations", 125, "high")]
    public void Morse_fall_scale_adds_each_items_points(
        string fallHistory, string secondaryDiagnosis, string aid, string iv, string gait, string mentalStatus, int total, string band)
    {
        var answers = Admission();
        (answers["fallHistory"], answers["secondaryDiagnosis"], answers["ambulatoryAid"]) = (fallHistory, secondaryDiagnosis, aid);
        (answers["intravenousAccess"], answers["gait"], answers["mentalStatus"]) = (iv, gait, mentalStatus);

        var morse = Validate(NursingAdmissionForm.Version1, answers).Scores.Single(s => s.Key == "morse");

        (morse.Total, morse.Band.Code).ShouldBe((total, band));
    }

    [Theory]
    [InlineData("over20", "under5", "no", 0, "low")]
    [InlineData("from18.5to20", "under5", "no", 1, "medium")]
    [InlineData("over20", "from5to10", "no", 1, "medium")]
    [InlineData("under18.5", "under5", "no", 2, "high")]
    [InlineData("over20", "under5", "yes", 2, "high")]
    [InlineData("under18.5", "over10", "yes", 6, "high")]
    public void MUST_adds_its_three_steps(string bmi, string weightLoss, string acuteDisease, int total, string band)
    {
        var answers = Admission();
        (answers["mustBmi"], answers["mustWeightLoss"], answers["mustAcuteDisease"]) = (bmi, weightLoss, acuteDisease);

        var must = Validate(NursingAdmissionForm.Version1, answers).Scores.Single(s => s.Key == "must");

        (must.Total, must.Band.Code).ShouldBe((total, band));
    }

    [Fact]
    public void A_contrast_reaction_is_required_only_when_there_is_a_contrast_allergy()
    {
        var answers = Radiology();
        answers["contrastAllergy"] = true;

        Validate(RadiologyPreprocedureForm.Version1, answers).Errors
            .ShouldBeErrors(("answers.contrastReaction", "Required when contrastAllergy is true."));

        answers["contrastReaction"] = "   ";
        Validate(RadiologyPreprocedureForm.Version1, answers).Errors["answers.contrastReaction"].ShouldBe(["Required; must not be blank."]);

        answers["contrastReaction"] = "Urticaria after iodinated contrast, 2019";
        Validate(RadiologyPreprocedureForm.Version1, answers).IsValid.ShouldBeTrue();
        Validate(RadiologyPreprocedureForm.Version1, Radiology()).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("\"yes\"", "Must be true or false.")]
    [InlineData("1", "Must be true or false.")]
    public void A_boolean_must_be_true_or_false(string json, string message)
    {
        var answers = Radiology();
        answers["contrastAllergy"] = JsonNode.Parse(json);

        Validate(RadiologyPreprocedureForm.Version1, answers).Errors["answers.contrastAllergy"].ShouldBe([message]);
    }

    [Theory]
    [InlineData("0", true), InlineData("200", true), InlineData("45.5", true)]
    [InlineData("-1", false), InlineData("200.1", false), InlineData("\"45\"", false)]
    public void The_eGFR_is_a_number_between_0_and_200(string json, bool valid)
    {
        var answers = Radiology();
        answers["egfr"] = JsonNode.Parse(json);

        Validate(RadiologyPreprocedureForm.Version1, answers).IsValid.ShouldBe(valid);
    }

    [Theory]
    [InlineData("[\"pacemaker\", \"metalFragments\"]", null, null)]
    [InlineData("[\"none\"]", null, null)]
    [InlineData("[]", "answers.implants", "Required; choose at least one.")]
    [InlineData("\"pacemaker\"", "answers.implants", "Must be an array of: none, pacemaker, implantableDefibrillator, cochlearImplant, neurostimulator, aneurysmClip, metalFragments, jointProsthesis, other.")]
    [InlineData("[\"pacemaker\", \"titanium\"]", "answers.implants[1]", "'titanium' is not allowed; use one of: none, pacemaker, implantableDefibrillator, cochlearImplant, neurostimulator, aneurysmClip, metalFragments, jointProsthesis, other.")]
    [InlineData("[\"pacemaker\", \"pacemaker\"]", "answers.implants[1]", "Listed more than once.")]
    [InlineData("[\"none\", \"pacemaker\"]", "answers.implants", "'none' cannot be combined with other choices.")]
    public void Implants_are_a_list_of_allowed_codes(string json, string? path, string? message)
    {
        var answers = Radiology();
        answers["implants"] = JsonNode.Parse(json);

        var errors = Validate(RadiologyPreprocedureForm.Version1, answers).Errors;

        if (path is null)
        {
            errors.ShouldBeEmpty();
        }
        else
        {
            errors.ShouldBeErrors((path, message!));
        }
    }

    [Fact]
    public void A_pregnancy_status_outside_the_list_is_not_allowed()
    {
        var answers = Radiology();
        answers["pregnancyStatus"] = "maybe";

        Validate(RadiologyPreprocedureForm.Version1, answers).Errors.Keys.ShouldBe(["answers.pregnancyStatus"]);
    }

    [Fact]
    public void The_dictionary_overload_validates_like_the_object_one()
    {
        using var document = JsonDocument.Parse(Admission().ToJsonString());
        var answers = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        answers.Remove("moisture");

        FormValidator.Validate(NursingAdmissionForm.Version1, answers).Errors.Keys.ShouldBe(["answers.moisture"]);
    }

    private static string BradenBand(int total)
    {
        // Spread the total over the six subscales, lowest first, within their 1-4 (friction 1-3) limits.
        string[] keys = ["sensoryPerception", "moisture", "activity", "mobility", "nutrition", "frictionShear"];
        var answers = Admission();
        var rest = total;
        for (var i = 0; i < keys.Length; i++)
        {
            var left = keys.Length - i - 1;
            var max = keys[i] == "frictionShear" ? 3 : 4;
            var value = Math.Clamp(rest - left, 1, max);
            answers[keys[i]] = value;
            rest -= value;
        }

        var braden = Validate(NursingAdmissionForm.Version1, answers).Scores.Single(s => s.Key == "braden");
        braden.Total.ShouldBe(total);
        return braden.Band.Code;
    }

    private static FormCheck Validate(FormDefinition form, JsonObject answers, string path = FormValidator.DefaultPath)
    {
        using var document = JsonDocument.Parse(answers.ToJsonString());
        return FormValidator.Validate(form, document.RootElement.Clone(), path);
    }

    private static JsonObject Admission() => new()
    {
        ["fallHistory"] = "no",
        ["secondaryDiagnosis"] = "no",
        ["ambulatoryAid"] = "none",
        ["intravenousAccess"] = "no",
        ["gait"] = "normal",
        ["mentalStatus"] = "oriented",
        ["sensoryPerception"] = 4,
        ["moisture"] = 4,
        ["activity"] = 4,
        ["mobility"] = 4,
        ["nutrition"] = 4,
        ["frictionShear"] = 3,
        ["mustBmi"] = "over20",
        ["mustWeightLoss"] = "under5",
        ["mustAcuteDisease"] = "no",
        ["lastFallOn"] = "2026-10-01",
        ["notes"] = "Independent on admission.",
    };

    private static JsonObject Radiology() => new()
    {
        ["contrastAllergy"] = false,
        ["egfr"] = 78,
        ["egfrMeasuredOn"] = "2026-11-30",
        ["pregnancyStatus"] = "notApplicable",
        ["implants"] = new JsonArray("none"),
    };
}
