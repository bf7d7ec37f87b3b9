"""Page furniture: lines that are not sentences, and URLs and entities inside sentences."""

from __future__ import annotations

import pytest

from training.text.furniture import fold_inline, furniture_kind

FURNITURE = {
    "byline": [
        "By Jane Okafor",
        "By JANE OKAFOR and Tom Reyes, Reuters",
        "Von Anna Weber",
        "Yazan: Ayşe Demir",
        "— Mira Santos (@mirasantos) March 4, 2024",
        "Reporting by Tom Reyes; Editing by Ann Lee",
    ],
    "dateline": [
        "Updated 5 March 2024, 09:30 GMT",
        "LONDON, March 3 (Reuters)",
        "March 3, 2024",
        "05.03.2024 14:32",
        "Aktualisiert am 5. März 2024",
        "Actualizado el 5 de marzo de 2024",
        "Обновлено 5 марта 2024",
    ],
    "url": ["https://example.com/news/a-b", "Source: https://harbour.example/x", "pic.twitter.com/abc123"],
    "share": ["Share on Facebook", "Share this article", "Facebook Twitter WhatsApp Email", "Copy link", "Paylaş"],
    "comments": [
        "Comments are closed.",
        "Yorumlar kapatılmıştır.",
        "Kommentare sind geschlossen.",
        "Los comentarios están cerrados.",
        "Комментарии закрыты.",
        "التعليقات مغلقة",
        "12 comments",
        "You must be logged in to post a comment.",
    ],
    "credit": [
        "Photo: Reuters",
        "Photograph: Jane Doe/AFP via Getty Images",
        "Jane Doe/AFP via Getty Images",
        "Foto: dpa",
        "Фото: РИА Новости",
        "© 2024 The Harbour Courier",
        "All rights reserved.",
    ],
    "navigation": ["Home | World | Politics", "Home › News › Europe", "Skip to content", "Advertisement", "Reklam"],
    "name": ["Jane Okafor", "Mira Santos"],
    "tags": ["Tags: politics, economy, elections", "Etiketler: seçim, ekonomi", "#elections #corruption"],
}
SENTENCES = [
    "The ministry denied the report.",
    "Where did the money go?",
    "By Tuesday, the ministry had denied everything.",
    "He was 35.",
    "Prices rose 5% in March.",
    "The vote is on March 3.",
    "Ministry denies stadium contract claims",
    "Topics of the day were debated at length.",
    "Share prices fell sharply after the report.",
    "Comments from the minister were not helpful.",
    "The photo was taken by a Reuters photographer.",
    "Bakanlık raporu yalanladı.",
    "Где деньги?",
    "No.",
    "It may rain.",
    "Home prices rose again.",
    "A Very Convenient Retraction",
    '"Never Happened," Says Brisenne',
    "🤔",
    "Why now?",
]


@pytest.mark.parametrize(("kind", "line"), [(k, line) for k, lines in FURNITURE.items() for line in lines])
def test_page_furniture_is_named(kind, line):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize("line", SENTENCES)
def test_sentences_headlines_and_replies_are_not_furniture(line):
    assert furniture_kind(line) is None


def test_urls_and_entities_are_folded_out_with_a_map_back():
    text = "The ministry denied the &quot;report&quot; (https://t.co/abc) on Tuesday."
    folded, origin = fold_inline(text)
    assert folded == 'The ministry denied the "report" on Tuesday.'
    at = folded.index("Tuesday")
    assert text[origin[at] : origin[at + len("Tuesday") - 1] + 1] == "Tuesday"
    assert origin[len(folded)] == len(text)
    assert fold_inline("A/B testing costs 5 & more.") == ("A/B testing costs 5 & more.", None)


@pytest.mark.parametrize(
    ("noisy", "clean"),
    [
        (
            "The ministry denied the report https://harbour.example/a/b?c=1 on Tuesday.",
            "The ministry denied the report on Tuesday.",
        ),
        ("Where did the money go? pic.twitter.com/abc123", "Where did the money go?"),
        (
            "The company denied that any data had been sold &amp; leaked.",
            "The company denied that any data had been sold & leaked.",
        ),
    ],
)
def test_a_url_or_an_entity_inside_a_sentence_does_not_change_its_label(model, noisy, clean):
    clf = model.classifier
    got, want = (clf.classify(t, explain=True)["sentences"][0] for t in (noisy, clean))
    assert got["text"] == noisy and got["skipped"] is None
    assert got["label"] == want["label"]
    assert got["probabilities"] == pytest.approx(want["probabilities"], abs=1e-12)
    for cue in got["explanation"]["cues"]:  # spans still point into the submitted text
        assert noisy[cue["start"] : cue["end"]] == cue["text"]
