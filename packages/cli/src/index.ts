export { helpText, intOption, parseCommand, runCli, UsageError, type CommandSpec, type OptionSpec, type ParsedCommand } from './args';
export { barChart, count, MAX_COLUMNS, textTable, wrap } from './format';
