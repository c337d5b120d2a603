#!/usr/bin/env python3
"""Generates the secrets-scan tree: N code-like text files (about SIZE_MB in all), 100 planted
secrets spread over every built-in rule (34 shapes: committed .env files among them: the 20 the rules were written from and 13 they
were not: escaped or indented key blocks, URLs without a user, CRLF files, newer prefixes), and 100
decoys that look like keys but are not (UUIDs, hashes, placeholders, AWS's documented example id,
test fixtures on the allow-list). Writes planted.txt with
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
    # Shapes the rules were not first written for (each one failed or was found only by luck before):
    # a service-account JSON key with escaped newlines, a key block indented in YAML, a URL with no
    # user, a percent-encoded password, a token inside a clone URL, newer key prefixes.
    lambda: f'    "private_key": "-----BEGIN PRIVATE KEY-----\\n{r(64, AL + "+/")}\\n{r(64, AL + "+/")}\\n-----END PRIVATE KEY-----\\n",',
    lambda: "deploy_key: |\n  -----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join("  " + r(70, AL + "+/") for _ in range(4)) + "\n  -----END OPENSSH PRIVATE KEY-----",
    lambda: f'REDIS_URL = "redis://:{r(24)}@cache.internal:6379/0"',
    lambda: f'SQLALCHEMY_DATABASE_URI = "mysql+pymysql://svc:{r(8)}%40{r(6)}@mysql:3306/app"',
    lambda: f'os.system("git clone https://x-access-token:ghs_{r(36)}@github.com/acme/app.git")',
    lambda: f"OPENAI_KEY='sk-svcacct-{r(60, AL + '_-')}'",
    lambda: f'ANTHROPIC_ADMIN_KEY = "sk-ant-admin01-{r(93, AL + "_-")}"',
    lambda: f'export AWS_ACCESS_KEY_ID=ASIA{up(16)}',
    lambda: f'headers = {{"Cookie": "session=eyJ{r(24)}.eyJ{r(48)}.{r(43, AL + "_-")}; Path=/"}}',
    lambda: f'MAPS = "<script src=https://maps.googleapis.com/maps/api/js?key=AIza{r(35, AL + "_-")}&callback=init>"',
    lambda: f'SLACK_USER_TOKEN = "xoxp-{r(12, "0123456789")}-{r(12, "0123456789")}-{r(13, "0123456789")}-{hx(32)}"',
    lambda: f'stripe_restricted = "rk_live_{r(99)}"',
    lambda: f'# clé d\'API — ne pas committer\tSENDGRID=SG.{r(22, AL + "_-")}.{r(43, AL + "_-")}',
    # A committed .env file is the leak itself (the dotenv-file rule names its line 1), whatever it holds.
    None,
]
# Planted in a file with Windows line endings (every third novel shape).
CRLF_FROM = 20
DECOYS = [
    lambda: f'request_id = "{uuid.UUID(int=rnd.getrandbits(128))}"',
    lambda: f'checksum = "{hashlib.sha1(r(20).encode()).hexdigest()}"',
    lambda: f'digest = "{hashlib.sha256(r(20).encode()).hexdigest()}"',
    lambda: f'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    lambda: f'DATABASE_URL=postgres://app:${{DB_PASSWORD}}@db/app',
    lambda: f'token_hash = "{hashlib.md5(r(20).encode()).hexdigest()}"',
    lambda: f'key = "sk_test_{r(32)}"',
    lambda: f'session = "{uuid.UUID(int=rnd.getrandbits(128)).hex}"',
    lambda: f'OPENAI_API_KEY=sk-{"x" * 48}  # placeholder in the docs',
    lambda: f'DATABASE_URL = "postgres://user:password@localhost/app"',
    lambda: f'REDIS_URL = "redis://:%(redis_password)s@cache:6379/0"',
    lambda: f'api_key = os.environ["OPENAI_API_KEY"]',
    lambda: f'csrf_token = "{uuid.UUID(int=rnd.getrandbits(128))}"',
    lambda: f'api_key_hash = "{hashlib.sha256(r(20).encode()).hexdigest()}"',
    lambda: f'revision = "{hashlib.sha1(r(20).encode()).hexdigest()}"  # git commit',
    lambda: f'logo = "data:image/png;base64,iVBORw0KGgo{r(120, AL + "+/")}"',
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
    dotenv = i in planted_at and len(planted) % len(MAKERS) == len(MAKERS) - 1
    if dotenv:
        folder = f"services/svc{i}"
    os.makedirs(os.path.join(root, folder), exist_ok=True)
    path = f"{folder}/.env" if dotenv else f"{folder}/module_{i}.py"
    if dotenv:
        planted.append(f"{path}:1:{len(MAKERS) - 1}")
        with open(os.path.join(root, path), "w", encoding="utf-8") as f:
            f.write(f"APP_ENV=production\nPORT=8080\nDB_HOST=db.internal\nDB_USER=mosaic\nDB_PASSWORD={r(16)}\n")
        continue
    lines, size = [], 0
    while size < target:
        line = code_line(); lines.append(line); size += len(line) + 1
    newline = "\n"
    if i in planted_at:
        n = len(planted)
        shape = n % len(MAKERS)
        at = rnd.randint(0, len(lines) - 1)
        # A YAML block's key starts on its second line: planted.txt names the line of BEGIN.
        made = MAKERS[shape]()
        lines.insert(at, made)
        first = next((k for k, l in enumerate(made.split("\n")) if "BEGIN" in l), 0)
        planted.append(f"{path}:{at + 1 + first}:{shape}")
        if shape >= CRLF_FROM and (shape - CRLF_FROM) % 3 == 0:
            newline = "\r\n"
    if i in decoy_at:
        at = rnd.randint(0, len(lines) - 1)
        # A fixture folder holds a real-looking key on purpose: the allow-list says so.
        lines.insert(at, f'FIXTURE = "ghp_{r(36)}"' if folder == "tests/fixtures" else DECOYS[i % len(DECOYS)]())
    with open(os.path.join(root, path), "w", newline="", encoding="utf-8") as f:
        f.write(newline.join("\n".join(lines).split("\n")) + newline)
with open(os.path.join(root, "..", "planted.txt"), "w") as f:
    f.write("\n".join(planted) + "\n")
