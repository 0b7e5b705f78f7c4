import { azureTarget } from '../../examples/shared/connect';

describe('the examples reach Azure deployments by URL', () => {
  it('reads the preview URL form (beta dialect) with its api-version and deployment', () => {
    const url =
      'wss://my-res.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-4o-realtime-preview';
    expect(azureTarget(url, 'key')).toEqual({
      endpoint: 'my-res.openai.azure.com',
      deployment: 'gpt-4o-realtime-preview',
      apiVersion: '2024-10-01-preview',
      apiKey: 'key',
    });
  });

  it('reads the GA form, where the deployment is the model', () => {
    const url = 'wss://my-res.openai.azure.com/openai/v1/realtime?model=gpt-realtime';
    expect(azureTarget(url, 'key')).toMatchObject({
      deployment: 'gpt-realtime',
      apiVersion: undefined,
    });
  });

  it('leaves other URLs alone and refuses an Azure URL without a deployment', () => {
    expect(azureTarget('wss://api.openai.com/v1/realtime?model=gpt-realtime', 'k')).toBeUndefined();
    expect(() => azureTarget('wss://my-res.openai.azure.com/openai/realtime', 'k')).toThrow(
      'wss://my-res.openai.azure.com: the Azure URL names no deployment',
    );
  });
});
