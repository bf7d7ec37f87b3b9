"""Text before features: normalising, sentences and who said them, the cue and speech-act lexicons
and cue matching, what a quotation is, tokens, language, page furniture, what the classifier
screens out, and web pages as documents."""
