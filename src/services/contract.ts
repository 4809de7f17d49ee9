// The app's one door to the shared contract in <root>/types (relative, so it needs no tsconfig
// path mapping; config/index.ts lets Taro compile that folder).
export * from '../../types'
