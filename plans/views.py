from django.shortcuts import render
from django.views.decorators.http import require_GET

from plans import selectors
from plans.decorators import plan_page
from plans.permissions import plan_for


@plan_page
@require_GET
def plan_list(request):
    """The caseload: the plans this professional has a role in."""
    page = selectors.caseload_page(user=request.user, page_number=request.GET.get("pagina"))
    return render(request, "plans/plan_list.html", {"page": page})


@plan_page
@require_GET
def plan_detail(request, plan_uuid):
    """The read-only overview of one plan: WIE, WAT, HOE."""
    plan = plan_for(request.user, plan_uuid, need="view")
    overview = selectors.plan_overview(plan=plan, viewer=request.user)
    return render(request, "plans/plan_detail.html", {"o": overview, "plan": plan})
