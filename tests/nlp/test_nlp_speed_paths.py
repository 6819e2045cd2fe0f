"""The fast inference paths agree with the plain ones training uses."""

import numpy as np

from nlp import loader
from nlp.corpus import read_corpus


def test_encoder_and_joint_scorer_match_the_named_features_used_in_training():
    analyzer = loader.analyzer()
    model = analyzer.model
    weights = np.hstack([model.category.weights, model.intent.weights])
    bias = np.concatenate([model.category.bias, model.intent.bias])
    for example in read_corpus()[::7]:
        reading = analyzer.reader.read(example.text)
        indices, values = model.vectorizer.transform(reading.features)
        expected = (values @ weights[indices] + bias) if len(indices) else bias
        counts = analyzer.encoder.count(reading.masked, reading.normalized, reading.keyword_hits, reading.has_place)
        assert np.allclose(analyzer.scorer.logits(counts), expected, atol=1e-3)

