from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context
from django import forms
from django.conf import settings
from django.db.models import Q

from consultation.accounts.models import (
    CHOOSABLE,
    Participant,
    Perspective,
    perspectives_join,
    perspectives_split,
)
from consultation.accounts.names import display_name_normalise, display_name_skeletons
from consultation.accounts.ratelimits import signup_allowed
from consultation.accounts.services import participant_create
from consultation.plain_text import CleanCharField

CONSENT_LABEL = (
    "I understand that what I write here may reveal information about my health, and that "
    "it will be published under my display name."
)
PERSPECTIVE_CHOICES = [(p.value, p.label) for p in CHOOSABLE]


def tidy_display_name(value: str) -> str:
    return display_name_normalise(value)


class DisplayNameMixin:
    """Display name rules shared by sign-up, the choose-a-name step and the profile page."""

    def clean_display_name(self):
        name = tidy_display_name(self.cleaned_data["display_name"])
        for validator in Participant._meta.get_field("display_name").validators:
            validator(name)
        skeleton, folded = display_name_skeletons(name)
        taken = Participant.objects.filter(
            Q(display_name__iexact=name)
            | Q(display_name_skeleton=skeleton)
            | Q(display_name_folded_skeleton=folded)
        )
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            taken = taken.exclude(pk=instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                "Someone is already using that display name, or one that looks the same. "
                "Choose another.",
                code="taken",
            )
        return name


def display_name_field():
    return forms.CharField(
        label="Display name",
        min_length=3,
        max_length=40,
        help_text=(
            "Everyone sees this next to what you write. Use a name that does not identify you "
            "if you prefer. Between 3 and 40 characters; not your email address."
        ),
        error_messages={
            "required": "Enter a display name.",
            "min_length": "A display name needs at least 3 characters.",
            "max_length": "A display name can have at most 40 characters.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "nickname", "spellcheck": "false"}),
    )


def perspective_field():
    return forms.MultipleChoiceField(
        label="Your perspectives (optional)",
        help_text=(
            "Choose every one that fits you, or none. They are shown next to your display name, "
            "and your votes count in each of them."
        ),
        choices=PERSPECTIVE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose perspectives from the list."},
    )


def other_perspective_field():
    # Cleaned like every other text people type: editors read it on an admin page.
    return CleanCharField(
        label="If you chose Other, how would you describe it? (optional)",
        help_text="Only editors see this, and only counted together with everyone else's.",
        max_length=80,
        required=False,
        error_messages={"max_length": "Describe it in at most 80 characters."},
    )


class PerspectivesMixin:
    """Several perspectives in, one joined value out (see accounts.models)."""

    def clean_perspectives(self):
        return perspectives_join(self.cleaned_data.get("perspectives") or [])

    def clean(self):
        cleaned = super().clean()
        # A description of "Other" means nothing without it, and is private: drop it.
        if Perspective.OTHER not in perspectives_split(cleaned.get("perspectives", "")):
            cleaned["other_perspective"] = ""
        return cleaned


class SignupForm(PerspectivesMixin, DisplayNameMixin, AllauthSignupForm):
    display_name = display_name_field()
    perspectives = perspective_field()
    other_perspective = other_perspective_field()
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        required=True,
        error_messages={
            "required": "Tick the box to confirm you understand how what you write is published."
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].help_text = "We never show it to anyone. We use it to sign you in."
        self.fields["email"].widget.attrs.pop("placeholder", None)
        self.fields["password1"].label = "Password"
        self.fields[
            "password1"
        ].help_text = "At least 12 characters. A few unrelated words make a strong password."
        self.fields["password1"].widget.attrs.pop("placeholder", None)
        self.fields["password2"].label = "Password again"
        self.fields["password2"].widget.attrs.pop("placeholder", None)
        required = {
            "email": "Enter your email address.",
            "password1": "Enter a password.",
            "password2": "Enter the same password again.",
        }
        for name, message in required.items():
            self.fields[name].error_messages["required"] = message
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the right form, like name@example.org."
        )
        honeypot = settings.ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD
        # allauth hides its honeypot with an inline style, which our CSP blocks; CSS does it.
        self.fields[honeypot].label = "Leave this empty"
        self.fields[honeypot].widget.attrs = {"tabindex": "-1", "autocomplete": "off"}

    @property
    def honeypot(self):
        return self[settings.ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD]

    def visible_fields(self):
        honeypot = settings.ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD
        return [field for field in super().visible_fields() if field.name != honeypot]

    def clean(self):
        cleaned_data = super().clean()
        email = cleaned_data.get("email")
        if email and not self.errors:
            # Counted only for a sign-up that would otherwise go ahead, so mistakes in the
            # form do not use up a workshop's allowance; refused here, the form keeps
            # everything typed.
            refusal = signup_allowed(context.request, email=email)
            if refusal:
                raise forms.ValidationError(refusal, code="rate_limited")
        return cleaned_data

    def signup(self, request, user):
        participant_create(
            user=user,
            display_name=self.cleaned_data["display_name"],
            perspectives=self.cleaned_data.get("perspectives", ""),
            other_perspective=self.cleaned_data.get("other_perspective", ""),
            consented=self.cleaned_data["consent"],
        )


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].error_messages["required"] = "Enter your email address."
        self.fields["login"].label = "Email address"
        self.fields["password"].error_messages["required"] = "Enter your password."
        # allauth adds its own "Forgot your password?" link here; the page has ours.
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me signed in on this device"
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


class DisplayNameForm(PerspectivesMixin, DisplayNameMixin, forms.Form):
    """For accounts made before profiles existed, or whose chosen name was taken."""

    display_name = display_name_field()
    perspectives = perspective_field()
    other_perspective = other_perspective_field()
    consent = SignupForm.base_fields["consent"]


class ProfileForm(PerspectivesMixin, DisplayNameMixin, forms.ModelForm):
    display_name = display_name_field()
    perspectives = perspective_field()
    other_perspective = other_perspective_field()

    class Meta:
        model = Participant
        fields = ["display_name", "perspectives", "other_perspective"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["perspectives"] = self.instance.perspective_list


class ReadingForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["content_notes"]
        widgets = {"content_notes": forms.RadioSelect}


PAUSE_CHOICES = [
    ("1", "For a day"),
    ("7", "For a week"),
    ("14", "For two weeks"),
    ("30", "For a month"),
]


class PauseForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Pause all emails",
        help_text=(
            "We send nothing until the pause ends. Then you get one email with what you missed. "
            "Everything stays on the site to read whenever you like."
        ),
        choices=PAUSE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how long to pause emails for."},
    )


class NotificationsForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["notify_replies", "notify_new_versions", "notify_responses"]
        widgets = {
            "notify_replies": forms.RadioSelect,
            "notify_new_versions": forms.RadioSelect,
            "notify_responses": forms.RadioSelect,
        }


class DeleteAccountForm(forms.Form):
    COMMENTS_CHOICES = [
        ("remove", "Remove my comments"),
        ("keep", "Keep my comments, shown as written by “Former participant”"),
    ]
    comments = forms.ChoiceField(
        label="What should happen to your comments?",
        help_text="Your votes stay in the totals either way, with no link to you.",
        choices=COMMENTS_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what should happen to your comments."},
    )
    confirm = forms.BooleanField(
        label="I understand that deleting my account cannot be undone.",
        error_messages={"required": "Tick the box to confirm you want to delete your account."},
    )

    @property
    def keep_comments(self) -> bool:
        return self.cleaned_data["comments"] == "keep"
