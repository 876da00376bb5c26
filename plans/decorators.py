from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from plans import signin


def plan_page(view):
    """Signed in, and for professionals the second factor confirmed in this session."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        step = signin.second_factor_step(request)
        if step is not None:
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapper
