"""Modern slavery: the first responder's records (NRM referral or Duty to Notify) and the NRM statistics CSV.

Records are personal data: the list and each record are wrapped ``personal(...)`` in urls.py and audited;
handling codes and need-to-know gate them as every register item, a denied record being a 404.
"""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.core.downloads import CSV, attachment
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import requires
from crimeplan.ocg import forms, nrm, selectors
from crimeplan.ocg.events import NrmStatisticsRead, SlaveryViewed
from crimeplan.ocg.permissions import MANAGE, VIEW
from crimeplan.ocg.services.slavery import record_decisions, record_slavery

PURPOSE = "modern slavery first responder"
NRM_COLUMNS = ["quarter", "force", "total", "adult", "child", "unknown", "main_type", "police_total"]


@requires(VIEW)
def slavery_list(request: HttpRequest) -> HttpResponse:
    records = list(selectors.visible_slavery_records(user=request.user))
    record_event(SlaveryViewed(reference="", rows=len(records), via="list"), request=request, purpose=PURPOSE)
    return render(request, "ocg/slavery_list.html", {"records": records, "may_record": request.user.has_perm(MANAGE)})


@requires(VIEW)
def slavery_detail(request: HttpRequest, reference: str) -> HttpResponse:
    record = selectors.slavery_record_for(user=request.user, reference=reference)
    record_event(SlaveryViewed(reference=reference, rows=1, via="page"), request=request, obj=record, purpose=PURPOSE)
    group = None
    if record.group is not None:
        group = selectors.visible_groups(user=request.user).filter(pk=record.group.pk).first()
    context = {"record": record, "group": group, "may_manage": request.user.has_perm(MANAGE)}
    return render(request, "ocg/slavery_record.html", context)


@requires(MANAGE)
def slavery_add(request: HttpRequest) -> HttpResponse:
    form = forms.SlaveryForm(request.POST or None, initial={"referred_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reference = data.pop("group")
        try:
            group = selectors.group_for(user=request.user, reference=reference) if reference else None
        except Http404:
            form.add_error("group", "No group with that reference that you may see")
        else:
            ok, record = attempt(form, lambda: record_slavery(user=request.user, group=group, **data))
            if ok and record is not None:
                return redirect("ocg:slavery_record", reference=record.reference)
    return render(request, "ocg/form.html", {"form": form, "title": "Record a potential victim of modern slavery"})


@requires(MANAGE)
def slavery_decisions(request: HttpRequest, reference: str) -> HttpResponse:
    """Record the decision dates of an NRM referral the user may read (else 404, as for a missing one)."""
    record = selectors.slavery_record_for(user=request.user, reference=reference)
    initial = {f: getattr(record, f) for f in ("reasonable_grounds_on", "conclusive_grounds_on", "support_provider")}
    form = forms.DecisionsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(form, lambda: record_decisions(user=request.user, record=record, **form.cleaned_data))
        if ok:
            return redirect("ocg:slavery_record", reference=record.reference)
    title = f"Record NRM decisions: {record.reference}"
    return render(request, "ocg/form.html", {"form": form, "title": title})


@requires(VIEW)
def nrm_csv(request: HttpRequest) -> HttpResponse:
    """The force's NRM referrals by quarter and age, and by exploitation type (published aggregates)."""
    quarters = nrm.force_referrals()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(NRM_COLUMNS)
    writer.writerows([q.get(c, 0) for c in NRM_COLUMNS] for q in quarters)
    writer.writerow([])
    writer.writerow(["exploitation", "people (all quarters)"])
    types = nrm.by_exploitation()
    writer.writerows(types)
    record_event(NrmStatisticsRead(rows=len(quarters) + len(types)), request=request, purpose="NRM statistics")
    return attachment(out.getvalue(), "nrm-referrals-by-quarter.csv", CSV)
