"""`manage.py seed_demo --users N --posts M`: a realistic demo corpus in bulk, with a progress bar."""

import time

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from feed.demo_seed import seed_demo


class Command(BaseCommand):
    help = "Insert demo people, a long-tailed follow graph, posts with embeddings, likes and comments."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--users", type=int, default=10_000)
        parser.add_argument("--posts", type=int, default=200_000)
        parser.add_argument("--likes", type=int, default=None, help="Default: 5 per post.")
        parser.add_argument("--comments", type=int, default=None, help="Default: 1 per 5 posts.")
        parser.add_argument("--follows-per-user", type=float, default=30.0, help="Median-ish follows per person.")
        parser.add_argument("--days", type=float, default=30.0, help="Posts are spread over this many past days.")
        parser.add_argument("--texts", type=int, default=2000, help="Distinct prompt/caption texts (each embedded once).")
        parser.add_argument("--no-embed", action="store_true", help="Skip MiniLM embeddings (steering then has no effect).")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options) -> None:
        bars: list[tqdm] = []

        def progress_factory(label: str, total: int):
            bar = tqdm(total=total, desc=label.ljust(15), unit="rows", unit_scale=True, file=self.stderr._out)
            bars.append(bar)

            def advance(count: int) -> None:
                bar.update(count)
                if bar.n >= bar.total:
                    bar.close()

            return advance

        started = time.perf_counter()
        report = seed_demo(
            users=options["users"],
            posts=options["posts"],
            likes=options["likes"],
            comments=options["comments"],
            follows_per_user=options["follows_per_user"],
            days=options["days"],
            texts=options["texts"],
            embed=not options["no_embed"],
            seed=options["seed"],
            progress_factory=progress_factory,
        )
        for bar in bars:
            bar.close()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"seeded {report.users} people, {report.follows} follows, {report.posts} posts, {report.likes} likes, "
                f"{report.comments} comments ({report.texts_embedded} texts embedded) in {elapsed:.1f} s"
            )
        )
