// Placeholder until the Azure connectors land (issue 7).
export {};
