"""Chain the events recorded before the hash chain, in the order they were written (by id)."""

from django.db import migrations


def chain(apps, schema_editor):
    from crimeplan.audit.chain import GENESIS, HEAD, digest

    AuditEvent = apps.get_model("audit", "AuditEvent")
    ChainHead = apps.get_model("audit", "ChainHead")
    previous, sequence = GENESIS, 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        sequence += 1
        event.sequence, event.previous_hash = sequence, previous
        event.hash = previous = digest(event)
        AuditEvent.objects.filter(pk=event.pk).update(
            sequence=event.sequence, previous_hash=event.previous_hash, hash=event.hash
        )
    ChainHead.objects.update_or_create(pk=HEAD, defaults={"sequence": sequence, "hash": previous})


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_hash_chain")]
    operations = [migrations.RunPython(chain, migrations.RunPython.noop)]
