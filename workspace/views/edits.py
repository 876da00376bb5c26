"""What the workspace's forms share: a service's errors at their fields, and the optimistic
locking of an edit form (a stale save shows what changed and keeps what was typed)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from plans import services


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@dataclass
class VersionedEdit:
    form: object
    conflict: object | None = None
    status: int = 200
    saved: bool = False


def versioned_edit(request, *, make_form, initial: dict, save) -> VersionedEdit:
    """The one way an edit form is handled: GET shows `initial`; POST validates and saves with
    the version the form was opened with. A stale save changes nothing and comes back (409) with
    what was typed, the current version to compare, and the new version number, so saving again
    is a deliberate choice. Invalid input comes back (400) with Dutch messages by the fields."""
    if request.method != "POST":
        return VersionedEdit(make_form(initial=initial))
    form = make_form(data=request.POST)
    if not form.is_valid():
        return VersionedEdit(form, status=400)
    try:
        save(form.cleaned_data)
    except services.StaleEdit as stale:
        data = request.POST.copy()
        data[form.add_prefix("version")] = stale.current.version
        form = make_form(data=data)
        form.is_valid()
        return VersionedEdit(form, conflict=stale.current, status=409)
    except ValidationError as error:
        add_errors(form, error)
        return VersionedEdit(form, status=400)
    return VersionedEdit(form, saved=True)
