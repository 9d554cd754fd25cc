"""Writes holdout-2.csv: 400 whole messages (100 per language) written one by one in holdout2_{en,de,fr,es}.py after
the third training round and before any model was scored on them. Unlike the training corpus they are not composed
from sentence pools: each body is its own message. This script only wraps some of them the way mail arrives (greeting,
sign-off, a mobile or company signature, an Outlook-style quoted reminder, a typo or two, a greeting in another
language), with wrappers that appear nowhere in the training pools. Deterministic.
Run: python3 data/replies/holdout2.py"""
import csv, os, random
from holdout2_en import EN
from holdout2_de import DE
from holdout2_fr import FR
from holdout2_es import ES

INTENTS = {"d": "dispute", "p": "promise", "y": "paid", "i": "info_request", "o": "out_of_office", "x": "other"}
TONES = {"n": "neutral", "f": "frustrated", "a": "angry"}
GREETING = {"en": ["Hiya,", "Dear Credit Control,", "Hello again,"], "de": ["Liebe Buchhaltung,", "Hallo Herr Brandt,", "Tag zusammen,"],
            "fr": ["Bonjour Monsieur Blanc,", "Chère équipe,", "Rebonjour,"], "es": ["Hola Carmen,", "Estimado equipo de cobros:", "Buenas de nuevo,"]}
CLOSING = {"en": ["Thanks in advance", "All the best,", "Warm regards,"], "de": ["Herzliche Grüße", "LG", "Mit besten Grüßen"],
           "fr": ["Belle journée,", "Sincères salutations,", "Amicalement,"], "es": ["Muchas gracias,", "Un abrazo,", "Quedo a la espera,"]}
NAMES = ["Dana Whitfield", "Heike Brandl", "Amélie Fournier", "Rocío Navarro", "Sven Olsen", "Kenji Mori"]
SIGNATURE = ["Get Outlook for Android", "Senior Buyer | Harbour Tools Ltd | +44 113 496 0000", "Leiterin Rechnungswesen, Brandl Metallbau GmbH",
             "Fournier & Fils - Comptabilité - 04 72 00 00 00", "Navarro Distribuciones S.A. | Administración", "Enviado desde mi móvil"]
QUOTED = {"en": "Please find below the overdue items on your account. Kindly settle them or let us know if anything is unclear.",
          "de": "Nachfolgend die überfälligen Posten auf Ihrem Konto. Bitte gleichen Sie diese aus oder melden Sie sich bei Unklarheiten.",
          "fr": "Vous trouverez ci-dessous les éléments échus de votre compte. Merci de les régler ou de nous signaler toute question.",
          "es": "A continuación las partidas vencidas de su cuenta. Les rogamos las abonen o nos indiquen cualquier duda."}
OUTLOOK = {"en": ("From", "Sent", "To", "Subject", "Overdue account"), "de": ("Von", "Gesendet", "An", "Betreff", "Überfälliges Konto"),
           "fr": ("De", "Envoyé", "À", "Objet", "Compte échu"), "es": ("De", "Enviado", "Para", "Asunto", "Cuenta vencida")}


def typo(r, text):
    chars = list(text)
    for _ in range(r.randint(1, 2)):
        i = r.randrange(1, max(2, len(chars) - 2))
        if chars[i].isalpha() and chars[i + 1].isalpha():
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def wrap(r, lang, body):
    if r.random() < 0.15:
        body = typo(r, body)
    if r.random() < 0.3:  # as typed on a phone: the body alone
        return body
    glang = r.choice([l for l in GREETING if l != lang]) if r.random() < 0.1 else lang
    parts = [r.choice(GREETING[glang]), "", body] if r.random() < 0.7 else [body]
    if r.random() < 0.7:
        parts += ["", r.choice(CLOSING[glang]), r.choice(NAMES)]
    if r.random() < 0.4:
        parts += [r.choice(SIGNATURE)]
    if r.random() < 0.35:
        f, s, t, subj, about = OUTLOOK[lang]
        parts += ["", "________________________________", f"{f}: Demo Trading Credit Control <collections@demo.example>",
                  f"{s}: {r.randint(1, 28):02d}.{r.randint(1, 12):02d}.2026 {r.randint(8, 17)}:{r.randint(10, 59)}", f"{t}: {r.choice(NAMES)}",
                  f"{subj}: {about}", "", QUOTED[lang]]
    return "\n".join(parts)


if __name__ == "__main__":
    r = random.Random(4242)
    rows = []
    for lang, messages in (("en", EN), ("de", DE), ("fr", FR), ("es", ES)):
        assert len(messages) == 100, (lang, len(messages))
        for intent, tone, body in messages:
            rows.append((wrap(r, lang, body), INTENTS[intent], TONES[tone], lang))
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "holdout-2.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "intent", "tone", "language"])
        w.writerows(rows)
    print(f"holdout-2.csv: {len(rows)} rows")
