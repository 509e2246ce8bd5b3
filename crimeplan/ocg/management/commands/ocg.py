"""``crimeplan ocg network import|metrics|simulate`` and ``crimeplan ocg demo``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from crimeplan.analytics.network.files import FORMATS
from crimeplan.core.console import console_for, table


class Command(BaseCommand):
    help = "Organised crime: import and analyse networks, load the example register."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="area", required=True, metavar="{network,demo}")
        sub.add_parser("demo", help="load example groups built from the Montagna network (labelled Example)")
        net = sub.add_parser("network", help="import and analyse networks").add_subparsers(
            dest="action", required=True, metavar="{import,metrics,simulate}"
        )
        imp = net.add_parser("import", help="read a network file and store it under a name")
        imp.add_argument("file", type=Path)
        imp.add_argument("--name", required=True, help="a short name (letters, digits, hyphens)")
        imp.add_argument("--format", choices=FORMATS, default="edges", help="file format (default: %(default)s)")
        imp.add_argument("--replace", action="store_true", help="replace a network of the same name")
        met = net.add_parser("metrics", help="per-node centrality, k-core and component")
        met.add_argument("name")
        met.add_argument("--json", action="store_true", help="print JSON records instead of a table")
        met.add_argument(
            "--sample",
            type=int,
            metavar="K",
            help="estimate betweenness from K source nodes (as networkx k=K); exact when omitted",
        )
        met.add_argument("--seed", type=int, default=1, help="seed for the sampled sources (default: %(default)s)")
        sim = net.add_parser("simulate", help="disruption simulation: remove nodes by each strategy")
        sim.add_argument("name")
        sim.add_argument("-k", type=int, default=5, help="nodes to remove (default: %(default)s)")
        sim.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["area"] == "demo":
            from crimeplan.ocg.demo import load_examples

            counts = load_examples()
            self.stdout.write(f"Loaded example groups (Montagna research network): {counts}")
            return
        handlers = {"import": self._import, "metrics": self._metrics, "simulate": self._simulate}
        handlers[options["action"]](options)

    def _import(self, options: dict[str, Any]) -> None:
        from crimeplan.ocg.services.networks import import_network

        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            record = import_network(
                user=None,
                name=options["name"],
                content=path.read_bytes(),
                file_format=options["format"],
                file_name=path.name,
                replace=options["replace"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"Imported {record.name}: {len(record.nodes)} nodes, {len(record.edges)} edges")

    def _network(self, name: str) -> Any:
        from crimeplan.audit.services import record_event
        from crimeplan.ocg.events import NetworkAnalysed
        from crimeplan.ocg.models import ImportedNetwork
        from crimeplan.ocg.selectors import as_network

        record = ImportedNetwork.objects.filter(name=name).first()
        if record is None:
            raise CommandError(f"no network called {name!r}; import one with 'crimeplan ocg network import'")
        record_event(NetworkAnalysed(network=name, via="command"), obj=record, purpose="network analysis")
        return as_network(record)

    def _metrics(self, options: dict[str, Any]) -> None:
        from crimeplan.analytics.network.metrics import node_metrics

        sample = options.get("sample")
        if sample is not None and sample < 2:
            raise CommandError("--sample needs at least 2 source nodes")
        rows = node_metrics(self._network(options["name"]), sample=sample, seed=options.get("seed", 1))
        if sample is not None:
            self.stderr.write(
                f"Betweenness estimated from {sample} sampled source nodes (seed {options.get('seed', 1)})"
            )
        if options["json"]:
            keys = ("node", "degree", "betweenness", "eigenvector", "core", "component")
            records = [{k: r.as_dict()[k] for k in keys} | {"degree_centrality": r.degree_centrality} for r in rows]
            self.stdout.write(json.dumps(records, indent=1))
            return
        body = [
            (r.node, r.degree, f"{r.betweenness:.4f}", f"{r.eigenvector:.4f}", r.core, r.component, r.community)
            for r in sorted(rows, key=lambda r: -r.betweenness)
        ]
        headers = ["node", "degree", "betweenness", "eigenvector", "core", "component", "community"]
        console_for(self).print(table(f"Network {options['name']}", headers, body))

    def _simulate(self, options: dict[str, Any]) -> None:
        from crimeplan.analytics.network.disruption import simulate

        results = simulate(self._network(options["name"]), k=options["k"])
        if options["json"]:
            records = [
                {"strategy": s.strategy, "reason": s.reason, "steps": [vars(step) for step in s.steps]} for s in results
            ]
            self.stdout.write(json.dumps(records, indent=1))
            return
        body = []
        for sim in results:
            last = sim.final()
            if last:
                body.append((sim.strategy, ", ".join(sim.removed), f"{last.lcc_share:.3f}", f"{last.weight_share:.3f}"))
        headers = ["strategy", "removed", "largest component left", "link weight left in it"]
        console_for(self).print(table(f"Removing {options['k']} nodes", headers, body))
