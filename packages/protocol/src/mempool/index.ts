export { DEFAULT_MEMPOOL, Mempool, type MempoolConfig, type ReportStatus } from './mempool.js'
