export { agreeFeeds, agreementStep, type FeedEstimate, roundsFor, spread, trimmedMidpoint } from './agreement.js'
