/**
 * Recommended confidence below which a hit is probably not an answer: a widget can show
 * "no matching article — contact us" instead. On the shared test data it turns away 80%
 * of questions no article covers, and 16% of those one does (mostly reworded ones,
 * whose words differ from the article's); see docs/knowledge.md for the trade-off curve.
 */
export const RECOMMENDED_MIN_CONFIDENCE = 0.4;
