#!/usr/bin/env python3
"""Generates the secrets-scan tree: N code-like text files (about SIZE_MB in all), 100 planted
secrets spread over every built-in rule, and 100 decoys that look like keys but are not (UUIDs,
hashes, AWS's documented example id, test fixtures on the allow-list). Writes planted.txt with
the file:line of each planted secret. Deterministic (seeded)."""
import os, random, sys, uuid, hashlib

root, files, size_mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(42)
AL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
def r(n, a=AL): return "".join(rnd.choice(a) for _ in range(n))
def up(n): return r(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
def hx(n): return r(n, "0123456789abcdef")

MAKERS = [
    lambda: f'OPENAI_API_KEY = "sk-proj-{r(64)}"',
    lambda: f'client = OpenAI(api_key="sk-{r(48)}")',
    lambda: f'CLAUDE_API_KEY=sk-ant-api03-{r(90, AL + "_-")}',
    lambda: f'aws_access_key_id = AKIA{up(16)}',
    lambda: f'aws_secret_access_key = "{r(40, AL + "/+")}"',
    lambda: f'GITHUB_TOKEN: ghp_{r(36)}',
    lambda: f'oauth = "gho_{r(36)}"',
    lambda: f'token = "github_pat_{r(82, AL + "_")}"',
    lambda: f'GITLAB_TOKEN=glpat-{r(20, AL + "_-")}',
    lambda: f'SLACK_BOT_TOKEN=xoxb-{r(12, "0123456789")}-{r(12, "0123456789")}-{r(24)}',
    lambda: f'webhook = "https://hooks.slack.com/services/T{up(10)}/B{up(10)}/{r(24)}"',
    lambda: f'stripe.api_key = "sk_live_{r(32)}"',
    lambda: f'GOOGLE_MAPS_KEY = "AIza{r(35, AL + "_-")}"',
    lambda: f'TWILIO_API_KEY = "SK{hx(32)}"',
    lambda: f'twilio_auth_token = "{hx(32)}"',
    lambda: f'SENDGRID_API_KEY=SG.{r(22, AL + "_-")}.{r(43, AL + "_-")}',
    lambda: f'//registry.npmjs.org/:_authToken=npm_{r(36)}',
    lambda: f'Authorization: Bearer eyJ{r(30)}.eyJ{r(60)}.{r(43, AL + "_-")}',
    lambda: f'DATABASE_URL=postgres://mosaic:{r(16)}@db.internal:5432/mosaic',
    lambda: "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(r(64, AL + "+/") for _ in range(6)) + "\n-----END RSA PRIVATE KEY-----",
]
DECOYS = [
    lambda: f'request_id = "{uuid.UUID(int=rnd.getrandbits(128))}"',
    lambda: f'checksum = "{hashlib.sha1(r(20).encode()).hexdigest()}"',
    lambda: f'digest = "{hashlib.sha256(r(20).encode()).hexdigest()}"',
    lambda: f'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    lambda: f'DATABASE_URL=postgres://app:${{DB_PASSWORD}}@db/app',
    lambda: f'token_hash = "{hashlib.md5(r(20).encode()).hexdigest()}"',
    lambda: f'key = "sk_test_{r(32)}"',
    lambda: f'session = "{uuid.UUID(int=rnd.getrandbits(128)).hex}"',
]
WORDS = ["def", "return", "self", "user", "context", "value", "result", "config", "query", "items", "index", "cursor", "conn", "data", "json", "status"]
def code_line():
    k = rnd.randint(2, 9)
    return "    " * rnd.randint(0, 3) + " ".join(rnd.choice(WORDS) for _ in range(k)) + rnd.choice([":", "", "()", " = None", " += 1"])

target = size_mb * 1024 * 1024 // files
planted_at = set(rnd.sample(range(files), 100))
decoy_at = set(rnd.sample([i for i in range(files) if i not in planted_at], 100))
planted = []
os.makedirs(root, exist_ok=True)
for i in range(files):
    folder = ("tests/fixtures" if i in decoy_at and i % 4 == 0 else f"src/pkg{i % 50}")
    os.makedirs(os.path.join(root, folder), exist_ok=True)
    path = f"{folder}/module_{i}.py"
    lines, size = [], 0
    while size < target:
        line = code_line(); lines.append(line); size += len(line) + 1
    if i in planted_at:
        n = len(planted)
        at = rnd.randint(0, len(lines) - 1)
        lines.insert(at, MAKERS[n % len(MAKERS)]())
        planted.append(f"{path}:{at + 1}:{n % len(MAKERS)}")
    if i in decoy_at:
        at = rnd.randint(0, len(lines) - 1)
        # A fixture folder holds a real-looking key on purpose: the allow-list says so.
        lines.insert(at, f'FIXTURE = "ghp_{r(36)}"' if folder == "tests/fixtures" else DECOYS[i % len(DECOYS)]())
    with open(os.path.join(root, path), "w") as f:
        f.write("\n".join(lines) + "\n")
with open(os.path.join(root, "..", "planted.txt"), "w") as f:
    f.write("\n".join(planted) + "\n")
